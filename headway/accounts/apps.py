from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "headway.accounts"
    verbose_name = "People and roles"
