"""The API under /api/v1/, its document and docs, and the API tokens page."""

from __future__ import annotations

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from headway.api.access import mark_access
from headway.api.views import committee, docs, indicators, progress, roadmap, strategy, tokens

app_name = "api"

router = SimpleRouter()
router.register("strategies", strategy.StrategyViewSet, basename="strategy")
router.register("priorities", strategy.PriorityViewSet, basename="priority")
router.register("services", strategy.ServiceViewSet, basename="service")
router.register("partners", strategy.PartnerViewSet, basename="partner")
router.register("initiatives", strategy.InitiativeViewSet, basename="initiative")
router.register("milestones", strategy.MilestoneViewSet, basename="milestone")
router.register("statuses", progress.StatusValueViewSet, basename="status")
router.register("periods", progress.ReportingPeriodViewSet, basename="period")
router.register("updates", progress.UpdateViewSet, basename="update")
router.register("change-requests", roadmap.ChangeRequestViewSet, basename="change-request")
router.register("consultations", roadmap.ConsultationViewSet, basename="consultation")
router.register("reports", committee.ReportViewSet, basename="report")
router.register("packs", committee.PackViewSet, basename="pack")
router.register("measures", indicators.MeasureViewSet, basename="measure")
router.register("figures", indicators.FigureViewSet, basename="figure")

v1 = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    *router.urls,
    re_path(r"^(?P<path>.*)$", docs.not_found, name="not-found"),
]

urlpatterns = [
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.revoke, name="token-revoke"),
    path("v1/", include(mark_access(v1))),
]
