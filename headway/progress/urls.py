from django.urls import path

from headway.progress.views import dashboard, periods, returns, review

app_name = "progress"

urlpatterns = [
    path("periods/", periods.periods, name="periods"),
    path("periods/open/", periods.open_new, name="open_period"),
    path("periods/<str:period>/", periods.period, name="period"),
    path("periods/<str:period>/close/", periods.close, name="close_period"),
    path("periods/<str:period>/reopen/", periods.reopen, name="reopen_period"),
    path("periods/<str:period>/deadline/", periods.deadline, name="period_deadline"),
    path("periods/<str:period>/chase/", periods.chase_everyone, name="chase_everyone"),
    path("returns/", returns.my_returns, name="my_returns"),
    path("returns/<int:pk>/", returns.edit_return, name="return"),
    path("review/", review.queue, name="review_queue"),
    path("review/<int:pk>/", review.review, name="review"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<str:period>/", dashboard.period_dashboard, name="period_dashboard"),
    path("dashboard/<str:period>/remind/", dashboard.remind, name="remind"),
]
