from django.urls import path

from headway.organisation.views import changes, committees, hub, services, status_scale

app_name = "organisation"

urlpatterns = [
    path("settings/", hub.settings_hub, name="settings"),
    path("organisation/changes/", changes.change_log, name="changes"),
    path("organisation/changes/add/", changes.add_change, name="add_change"),
    path("organisation/changes/move-service/", changes.move_service, name="move_service"),
    path("organisation/changes/merge-services/", changes.merge_services, name="merge_services"),
    path("organisation/changes/<int:pk>/", changes.edit_change, name="edit_change"),
    path("organisation/changes/<int:pk>/remove/", changes.remove_change, name="remove_change"),
    path("settings/services/", services.service_list, name="services"),
    path("settings/services/add/", services.service_form, name="add_service"),
    path("settings/services/<int:pk>/", services.service_form, name="edit_service"),
    path("settings/services/<int:pk>/remove/", services.remove_service, name="remove_service"),
    path("settings/partners/", services.partner_list, name="partners"),
    path("settings/partners/add/", services.partner_form, name="add_partner"),
    path("settings/partners/<int:pk>/", services.partner_form, name="edit_partner"),
    path("settings/partners/<int:pk>/remove/", services.remove_partner, name="remove_partner"),
    path("settings/status-scale/", status_scale.status_scale, name="status_scale"),
    path("settings/status-scale/add/", status_scale.status_form, name="add_status"),
    path("settings/status-scale/<int:pk>/", status_scale.status_form, name="edit_status"),
    path("settings/status-scale/<int:pk>/move/", status_scale.move_status, name="move_status"),
    path(
        "settings/status-scale/<int:pk>/remove/", status_scale.remove_status, name="remove_status"
    ),
    path("settings/committees/", committees.committee_list, name="committees"),
    path("settings/committees/add/", committees.committee_form, name="add_committee"),
    path("settings/committees/<int:pk>/", committees.committee, name="committee"),
    path("settings/committees/<int:pk>/rename/", committees.committee_form, name="edit_committee"),
    path(
        "settings/committees/<int:pk>/remove/", committees.remove_committee, name="remove_committee"
    ),
    path("settings/committees/<int:pk>/members/add/", committees.member_form, name="add_member"),
    path("settings/committees/members/<int:member>/", committees.member_form, name="edit_member"),
    path(
        "settings/committees/members/<int:member>/remove/",
        committees.remove_member,
        name="remove_member",
    ),
    path("settings/committees/<int:pk>/meetings/add/", committees.meeting_form, name="add_meeting"),
    path(
        "settings/committees/meetings/<int:meeting>/", committees.meeting_form, name="edit_meeting"
    ),
    path(
        "settings/committees/meetings/<int:meeting>/remove/",
        committees.remove_meeting,
        name="remove_meeting",
    ),
    path(
        "settings/committees/<int:pk>/template/",
        committees.report_template,
        name="report_template",
    ),
]
