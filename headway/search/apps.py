from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "headway.search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Each source keeps its entries in step when its objects are saved.
        from headway.search import sources

        sources.connect_signals()
        # Entries written before who reads them was stored get it once the tables are ready.
        from headway.search.audience import fill_unread

        post_migrate.connect(fill_unread, sender=self, dispatch_uid="search_fill_unread")
