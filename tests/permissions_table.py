"""Who may open each page of Headway: the permission test's expectations, written by hand.

One line per page: its URL name (or its route, if it has no name) and who may open it.
tests/test_permissions.py requests every page as every role and checks the answer against
this table, and fails for a page that is missing from it (or a line whose page is gone).
Decide the line from what the page is for, not from its view's code.

- "A R L P V": the roles that may open it (the others get 403; a visitor who is not signed
  in is sent to sign in): A administrator, R reviewer, L service lead, P partner contact,
  V viewer.
- "public": anyone may open it, signed in or not.
- "none": no one: it answers 404 to everyone (an allauth page Headway does not offer).
"""

from __future__ import annotations

from headway.accounts.models import Role

ROLE_LETTERS = {
    "A": Role.ADMINISTRATOR,
    "R": Role.REVIEWER,
    "L": Role.SERVICE_LEAD,
    "P": Role.PARTNER_CONTACT,
    "V": Role.VIEWER,
}
PUBLIC = "public"
NONE = "none"

PAGES: dict[str, str] = {
    "accessibility": "public",  # /accessibility/
    "favicon": "public",  # /favicon.ico
    "healthz": "public",  # /healthz
    "accounts/email/": "none",  # /accounts/email/
    "accounts/confirm-email/": "none",  # /accounts/confirm-email/
    "accounts/confirm-email/<str:key>/": "none",  # /accounts/confirm-email/<str:key>/
    "accounts/3rdparty/": "none",  # /accounts/3rdparty/
    "accounts/3rdparty/signup/": "none",  # /accounts/3rdparty/signup/
    "api:tokens": "A R L P V",  # /api/tokens/
    "api:token-revoke": "A R L P V",  # /api/tokens/<int:pk>/revoke/
    "progress:periods": "A",  # /periods/
    "progress:open_period": "A",  # /periods/open/
    "progress:period": "A",  # /periods/<str:period>/
    "progress:close_period": "A",  # /periods/<str:period>/close/
    "progress:reopen_period": "A",  # /periods/<str:period>/reopen/
    "progress:period_deadline": "A",  # /periods/<str:period>/deadline/
    "progress:chase_everyone": "A",  # /periods/<str:period>/chase/
    "progress:my_returns": "A L",  # /returns/
    "progress:return": "A L",  # /returns/<int:pk>/
    "progress:review_queue": "A R",  # /review/
    "progress:review": "A R",  # /review/<int:pk>/
    "progress:dashboard": "A R",  # /dashboard/
    "progress:period_dashboard": "A R",  # /dashboard/<str:period>/
    "progress:remind": "A R",  # /dashboard/<str:period>/remind/
    "dataio:import_start": "A",  # /import/
    "dataio:import_preview": "A",  # /import/check/<str:token>/
    "dataio:import_confirm": "A",  # /import/check/<str:token>/confirm/
    "dataio:import_status": "A",  # /import/check/<str:token>/status/
    "dataio:import_upload": "A",  # /import/<str:kind>/
    "dataio:import_template": "A",  # /import/<str:kind>/template.<str:format>
    "dataio:export_portfolio": "A R L P V",  # /export/portfolio.<str:format>
    "dataio:export_job": "A R L P V",  # /export/files/<int:pk>/
    "dataio:export_job_status": "A R L P V",  # /export/files/<int:pk>/status/
    "dataio:export_job_file": "A R L P V",  # /export/files/<int:pk>/download/
    "dataio:export_updates": "A R",  # /export/returns/<str:period>.<str:format>
    "dataio:export_change_requests": "A R",  # /export/change-requests.<str:format>
    "dataio:open_data": "public",  # /published/<slug:slug>/data/
    "dataio:open_data_json": "public",  # /published/<slug:slug>/data/data.json
    "dataio:open_data_csv": "public",  # /published/<slug:slug>/data/<str:name>.csv
    "committee:reports": "A R",  # /reports/
    "committee:start_report": "A R",  # /reports/start/
    "committee:import_report": "A",  # /reports/import/
    "committee:check_import": "A",  # /reports/import/<str:token>/
    "committee:report": "A R",  # /reports/<int:pk>/
    "committee:report_original": "A R",  # /reports/<int:pk>/original/
    "committee:edit_header": "A R",  # /reports/<int:pk>/details/
    "committee:redraft": "A R",  # /reports/<int:pk>/redraft/
    "committee:redraft_progress": "A R",  # /reports/<int:pk>/redrafts/<int:redraft>/
    "committee:redraft_status": "A R",  # /reports/<int:pk>/redrafts/<int:redraft>/status/
    "committee:ask_for_approval": "A",  # /reports/<int:pk>/ask-for-approval/
    "committee:approve": "A R",  # /reports/<int:pk>/approve/
    "committee:reopen": "A R",  # /reports/<int:pk>/reopen/
    "committee:publish": "A",  # /reports/<int:pk>/publish/
    "committee:return_report": "A R",  # /reports/<int:pk>/return/
    "committee:withdraw_report": "A",  # /reports/<int:pk>/withdraw/
    "committee:edit_paragraph": "A R",  # /reports/<int:pk>/paragraphs/<int:paragraph>/
    "committee:remove_paragraph": "A R",  # /reports/<int:pk>/paragraphs/<int:paragraph>/remove/
    "committee:move_paragraph": "A R",  # /reports/<int:pk>/paragraphs/<int:paragraph>/move/
    "committee:add_paragraph": "A R",  # /reports/<int:pk>/sections/<int:section>/add/
    "committee:generate_pack": "A R",  # /reports/<int:pk>/packs/
    "committee:pack": "A R",  # /reports/<int:pk>/packs/<int:pack>/
    "committee:pack_status": "A R",  # /reports/<int:pk>/packs/<int:pack>/status/
    "committee:pack_file": "A R",  # /reports/<int:pk>/packs/<int:pack>/<str:name>
    "committee:published": "public",  # /published/
    "committee:published_report": "public",  # /published/<slug:slug>/
    "committee:published_file": "public",  # /published/<slug:slug>/<str:name>
    "committee:published_original": "public",  # /published/<slug:slug>/original/
    "roadmap:road_map_now": "A R L P V",  # /roadmap/
    "roadmap:road_map": "A R L P V",  # /roadmap/<str:year>/
    "roadmap:road_map_svg": "A R L P V",  # /roadmap/<str:year>/road-map.svg
    "roadmap:priority_map_now": "A R L P V",  # /priority-map/
    "roadmap:priority_map": "A R L P V",  # /priority-map/<str:years>/
    "roadmap:priority_map_svg": "A R L P V",  # /priority-map/<str:years>/priority-map.svg
    "roadmap:versions": "A R L P V",  # /map-versions/
    "roadmap:compare_versions": "A R L P V",  # /map-versions/compare/
    "roadmap:change_requests": "A R",  # /change-requests/
    "roadmap:propose": "A R",  # /change-requests/new/
    "roadmap:propose_kind": "A R",  # /change-requests/new/<str:kind>/
    "roadmap:change_request": "A R P",  # /change-requests/<int:pk>/
    "roadmap:revise": "A R",  # /change-requests/<int:pk>/edit/
    "roadmap:open_consultation": "A R",  # /change-requests/<int:pk>/consult/
    "roadmap:withdraw": "A R",  # /change-requests/<int:pk>/withdraw/
    "roadmap:decide": "A R",  # /change-requests/<int:pk>/decide/
    "roadmap:consultations": "P",  # /consultations/
    "roadmap:consultation": "P",  # /consultations/<int:pk>/
    "portfolio": "A R L P V",  # /
    "initiative": "A R L P V",  # /initiatives/<int:pk>/
    "initiative_owner": "A",  # /initiatives/<int:pk>/owner/
    "start_return": "A R L P V",  # /initiatives/<int:pk>/start-return/
    "strategy": "A R L P V",  # /strategy/
    "strategy_edit": "A",  # /strategy/edit/
    "strategy_add_event": "A",  # /strategy/events/add/
    "strategy_event": "A",  # /strategy/events/<int:pk>/
    "strategy_remove_event": "A",  # /strategy/events/<int:pk>/remove/
    "strategy_priority": "A",  # /strategy/priorities/<int:pk>/
    "strategy_move_priority": "A",  # /strategy/priorities/<int:pk>/move/
    "strategy_retire_priority": "A",  # /strategy/priorities/<int:pk>/retire/
    "strategy_reinstate_priority": "A",  # /strategy/priorities/<int:pk>/reinstate/
    "branding": "A",  # /organisation/branding/
    "people:sign_in": "A",  # /organisation/sign-in/
    "audit:record": "A",  # /audit/
    "audit:export": "A",  # /audit/export.csv
    "audit:entry": "A",  # /audit/<slug:source>/<int:pk>/
    "audit:retention": "A",  # /settings/audit/
    "people:people": "A",  # /people/
    "people:invite": "A",  # /people/invite/
    "people:person": "A",  # /people/<int:pk>/
    "people:change_role": "A",  # /people/<int:pk>/role/
    "people:deactivate": "A",  # /people/<int:pk>/switch-off/
    "people:reactivate": "A",  # /people/<int:pk>/switch-on/
    "people:send_again": "A",  # /people/<int:pk>/send-invitation/
    "people:reset_second_step": "A",  # /people/<int:pk>/two-step-sign-in/reset/
    "organisation:settings": "A",  # /settings/
    "organisation:changes": "A",  # /organisation/changes/
    "organisation:add_change": "A",  # /organisation/changes/add/
    "organisation:move_service": "A",  # /organisation/changes/move-service/
    "organisation:merge_services": "A",  # /organisation/changes/merge-services/
    "organisation:edit_change": "A",  # /organisation/changes/<int:pk>/
    "organisation:remove_change": "A",  # /organisation/changes/<int:pk>/remove/
    "organisation:services": "A",  # /settings/services/
    "organisation:add_service": "A",  # /settings/services/add/
    "organisation:edit_service": "A",  # /settings/services/<int:pk>/
    "organisation:remove_service": "A",  # /settings/services/<int:pk>/remove/
    "organisation:partners": "A",  # /settings/partners/
    "organisation:add_partner": "A",  # /settings/partners/add/
    "organisation:edit_partner": "A",  # /settings/partners/<int:pk>/
    "organisation:remove_partner": "A",  # /settings/partners/<int:pk>/remove/
    "organisation:status_scale": "A",  # /settings/status-scale/
    "organisation:add_status": "A",  # /settings/status-scale/add/
    "organisation:edit_status": "A",  # /settings/status-scale/<int:pk>/
    "organisation:move_status": "A",  # /settings/status-scale/<int:pk>/move/
    "organisation:remove_status": "A",  # /settings/status-scale/<int:pk>/remove/
    "organisation:committees": "A",  # /settings/committees/
    "organisation:add_committee": "A",  # /settings/committees/add/
    "organisation:committee": "A",  # /settings/committees/<int:pk>/
    "organisation:edit_committee": "A",  # /settings/committees/<int:pk>/rename/
    "organisation:remove_committee": "A",  # /settings/committees/<int:pk>/remove/
    "organisation:add_member": "A",  # /settings/committees/<int:pk>/members/add/
    "organisation:edit_member": "A",  # /settings/committees/members/<int:member>/
    "organisation:remove_member": "A",  # /settings/committees/members/<int:member>/remove/
    "organisation:add_meeting": "A",  # /settings/committees/<int:pk>/meetings/add/
    "organisation:edit_meeting": "A",  # /settings/committees/meetings/<int:meeting>/
    "organisation:remove_meeting": "A",  # /settings/committees/meetings/<int:meeting>/remove/
    "organisation:report_template": "A",  # /settings/committees/<int:pk>/template/
    "indicators:measures": "A R L P V",  # /measures/
    "indicators:add_measure": "A",  # /measures/add/
    "indicators:measure": "A R L P V",  # /measures/<int:pk>/
    "indicators:edit_measure": "A",  # /measures/<int:pk>/edit/
    "indicators:add_target": "A",  # /measures/<int:pk>/targets/add/
    "indicators:edit_target": "A",  # /measures/<int:pk>/targets/<int:target>/
    "indicators:remove_target": "A",  # /measures/<int:pk>/targets/<int:target>/remove/
    "indicators:figure": "A L",  # /measures/<int:pk>/figures/<str:period>/<str:council>/
    "indicators:review_figure": "A R",  # /figures/<int:pk>/review/
    "indicators:correct_figure": "A R",  # /figures/<int:pk>/correct/
    "search:search": "A R L P V",  # /search/
    "coverage:coverage": "A R",  # /coverage/
}
