from django.urls import path

from headway.committee.views import packs, paragraphs, past, published, redrafts, report, reports

app_name = "committee"

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/start/", reports.start_report, name="start_report"),
    path("reports/import/", past.upload, name="import_report"),
    path("reports/import/<str:token>/", past.check, name="check_import"),
    path("reports/<int:pk>/", report.report, name="report"),
    path("reports/<int:pk>/original/", past.original, name="report_original"),
    path("reports/<int:pk>/details/", report.edit_header_page, name="edit_header"),
    path("reports/<int:pk>/redraft/", report.redraft, name="redraft"),
    path("reports/<int:pk>/redrafts/<int:redraft>/", redrafts.progress, name="redraft_progress"),
    path("reports/<int:pk>/redrafts/<int:redraft>/status/", redrafts.status, name="redraft_status"),
    path("reports/<int:pk>/ask-for-approval/", report.ask_for_approval, name="ask_for_approval"),
    path("reports/<int:pk>/approve/", report.approve, name="approve"),
    path("reports/<int:pk>/reopen/", report.reopen, name="reopen"),
    path("reports/<int:pk>/publish/", report.publish, name="publish"),
    path("reports/<int:pk>/return/", report.return_with_comments, name="return_report"),
    path("reports/<int:pk>/withdraw/", report.withdraw, name="withdraw_report"),
    path("reports/<int:pk>/paragraphs/<int:paragraph>/", paragraphs.edit, name="edit_paragraph"),
    path(
        "reports/<int:pk>/paragraphs/<int:paragraph>/remove/",
        paragraphs.remove,
        name="remove_paragraph",
    ),
    path(
        "reports/<int:pk>/paragraphs/<int:paragraph>/move/",
        paragraphs.move,
        name="move_paragraph",
    ),
    path("reports/<int:pk>/sections/<int:section>/add/", paragraphs.add, name="add_paragraph"),
    path("reports/<int:pk>/packs/", packs.generate, name="generate_pack"),
    path("reports/<int:pk>/packs/<int:pack>/", packs.pack, name="pack"),
    path("reports/<int:pk>/packs/<int:pack>/status/", packs.status, name="pack_status"),
    path("reports/<int:pk>/packs/<int:pack>/<str:name>", packs.download, name="pack_file"),
    path("published/", published.published, name="published"),
    path("published/<slug:slug>/", published.published_page, name="published_report"),
    path(
        "published/<slug:slug>/original/", published.published_original, name="published_original"
    ),
    path("published/<slug:slug>/<str:name>", published.published_file, name="published_file"),
]
