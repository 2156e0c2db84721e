from django.urls import path

from headway.strategy import views

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("initiatives/<int:pk>/", views.initiative, name="initiative"),
    path("organisation/branding/", views.branding, name="branding"),
]
