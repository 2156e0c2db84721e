from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _forget_failures(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from allauth.account.adapter import get_adapter

    get_adapter(request).forget_failures(request, user)


def _create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """`migrate` makes the database cache's table (settings.CACHES), on either engine, so a
    fresh database has it; the command does nothing when it exists or no cache needs one."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "headway.accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from allauth.account.signals import password_reset

        from headway.accounts import second_factor

        password_reset.connect(_forget_failures, dispatch_uid="headway_forget_failures")
        second_factor.connect()
        post_migrate.connect(_create_cache_table, sender=self)
