from django.urls import path

from headway.accounts import people_views, sign_in_settings

app_name = "people"

urlpatterns = [
    path("people/", people_views.people_list, name="people"),
    path("people/invite/", people_views.invite, name="invite"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("people/<int:pk>/role/", people_views.change_role, name="change_role"),
    path("people/<int:pk>/switch-off/", people_views.deactivate, name="deactivate"),
    path("people/<int:pk>/switch-on/", people_views.reactivate, name="reactivate"),
    path("people/<int:pk>/send-invitation/", people_views.send_again, name="send_again"),
    path(
        "people/<int:pk>/two-step-sign-in/reset/",
        people_views.reset_second_step,
        name="reset_second_step",
    ),
    path("organisation/sign-in/", sign_in_settings.sign_in_settings, name="sign_in"),
]
