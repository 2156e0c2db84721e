from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "headway.dataio"
    label = "dataio"
    verbose_name = "Imports, exports and open data"
