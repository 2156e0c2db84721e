from django.urls import path

from headway.coverage import views

app_name = "coverage"

urlpatterns = [
    path("coverage/", views.coverage_page, name="coverage"),
]
