from django.urls import path

from headway.dataio.views import exports, imports, opendata

app_name = "dataio"

urlpatterns = [
    path("import/", imports.start, name="import_start"),
    path("import/check/<str:token>/", imports.preview, name="import_preview"),
    path("import/check/<str:token>/confirm/", imports.confirm, name="import_confirm"),
    path("import/check/<str:token>/status/", imports.status, name="import_status"),
    path("import/<str:kind>/", imports.upload, name="import_upload"),
    path("import/<str:kind>/template.<str:format>", imports.template, name="import_template"),
    path("export/portfolio.<str:format>", exports.portfolio, name="export_portfolio"),
    path("export/files/<int:pk>/", exports.export_job, name="export_job"),
    path("export/files/<int:pk>/status/", exports.export_job_status, name="export_job_status"),
    path("export/files/<int:pk>/download/", exports.export_job_file, name="export_job_file"),
    path("export/returns/<str:period>.<str:format>", exports.updates, name="export_updates"),
    path(
        "export/change-requests.<str:format>",
        exports.change_requests,
        name="export_change_requests",
    ),
    path("published/<slug:slug>/data/", opendata.index, name="open_data"),
    path("published/<slug:slug>/data/data.json", opendata.data_json, name="open_data_json"),
    path("published/<slug:slug>/data/<str:name>.csv", opendata.csv_file, name="open_data_csv"),
]
