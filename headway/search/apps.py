from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "headway.search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Each source keeps its entries in step when its objects are saved.
        from headway.search import sources

        sources.connect_signals()
