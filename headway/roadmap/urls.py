from django.urls import path

from headway.roadmap.views import changes, consultations, maps, versions

app_name = "roadmap"

urlpatterns = [
    path("roadmap/", maps.road_map_now, name="road_map_now"),
    path("roadmap/<str:year>/", maps.road_map, name="road_map"),
    path("roadmap/<str:year>/road-map.svg", maps.road_map_svg, name="road_map_svg"),
    path("priority-map/", maps.priority_map_now, name="priority_map_now"),
    path("priority-map/<str:years>/", maps.priority_map, name="priority_map"),
    path(
        "priority-map/<str:years>/priority-map.svg", maps.priority_map_svg, name="priority_map_svg"
    ),
    path("map-versions/", versions.versions, name="versions"),
    path("map-versions/compare/", versions.compare_versions, name="compare_versions"),
    path("change-requests/", changes.change_requests, name="change_requests"),
    path("change-requests/new/", changes.propose_change, name="propose"),
    path("change-requests/new/<str:kind>/", changes.propose_kind, name="propose_kind"),
    path("change-requests/<int:pk>/", changes.change_request, name="change_request"),
    path("change-requests/<int:pk>/edit/", changes.revise_change, name="revise"),
    path("change-requests/<int:pk>/consult/", changes.consult, name="open_consultation"),
    path("change-requests/<int:pk>/withdraw/", changes.withdraw_change, name="withdraw"),
    path("change-requests/<int:pk>/decide/", changes.decide_change, name="decide"),
    path("consultations/", consultations.consultations, name="consultations"),
    path("consultations/<int:pk>/", consultations.consultation, name="consultation"),
]
