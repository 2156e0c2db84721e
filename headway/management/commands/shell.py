"""``headway shell``: Django's shell, importing every model that can be imported by name.

The audit history's models (``HistoricalInitiative`` and the others) are made by
django-simple-history at start-up and belong to no module, so Django's shell could not import
them and said so for each of the sixteen every time it opened. They are left out; reach them as
``Initiative.history.model``.
"""

from __future__ import annotations

from django.core.management.commands import shell
from simple_history.models import HistoricalChanges


class Command(shell.Command):
    def get_auto_imports(self) -> list[str]:
        from django.apps import apps

        made_at_start_up = {
            f"{model.__module__}.{model.__name__}"
            for model in apps.get_models()
            if issubclass(model, HistoricalChanges)
        }
        return [path for path in super().get_auto_imports() or [] if path not in made_at_start_up]
