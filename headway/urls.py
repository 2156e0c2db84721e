from django.contrib import admin
from django.urls import include, path

from headway import views
from headway.accounts import views as account_views

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
    # Administrators manage people's email addresses: allauth's own email pages are not offered.
    path("accounts/email/", account_views.not_offered),
    path("accounts/confirm-email/", account_views.not_offered),
    path("accounts/confirm-email/<str:key>/", account_views.not_offered),
    # A council's account is linked to an invited person at first sign-in, never by the person.
    path("accounts/3rdparty/", account_views.not_offered),
    path("accounts/3rdparty/signup/", account_views.not_offered),
    path("accounts/", include("allauth.urls")),
    path("api/", include("headway.api.urls")),
    path("", include("headway.progress.urls")),
    path("", include("headway.dataio.urls")),
    path("", include("headway.committee.urls")),
    path("", include("headway.roadmap.urls")),
    path("", include("headway.strategy.urls")),
    path("", include("headway.accounts.urls")),
    path("", include("headway.organisation.urls")),
    path("", include("headway.audit.urls")),
    path("", include("headway.indicators.urls")),
    path("", include("headway.search.urls")),
    path("", include("headway.coverage.urls")),
]

# The site's own error pages, and problem details under /api/v1/.
handler400 = "headway.views.bad_request"
handler403 = "headway.views.permission_denied"
handler404 = "headway.views.page_not_found"
handler500 = "headway.views.server_error"
