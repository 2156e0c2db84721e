from django.urls import path

from headway.indicators import views

app_name = "indicators"

urlpatterns = [
    path("measures/", views.measures, name="measures"),
    path("measures/add/", views.measure_form, name="add_measure"),
    path("measures/<int:pk>/", views.measure, name="measure"),
    path("measures/<int:pk>/edit/", views.measure_form, name="edit_measure"),
    path("measures/<int:pk>/targets/add/", views.target_form, name="add_target"),
    path("measures/<int:pk>/targets/<int:target>/", views.target_form, name="edit_target"),
    path(
        "measures/<int:pk>/targets/<int:target>/remove/",
        views.target_remove,
        name="remove_target",
    ),
    path(
        "measures/<int:pk>/figures/<str:period>/<str:council>/",
        views.figure_form,
        name="figure",
    ),
    path("figures/<int:pk>/review/", views.review_figure, name="review_figure"),
    path("figures/<int:pk>/correct/", views.correct_figure, name="correct_figure"),
]
