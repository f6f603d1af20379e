from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "goodpractice.accounts"
    label = "accounts"
    verbose_name = "Admin accounts"
    default_auto_field = "django.db.models.BigAutoField"
