from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resources import signal_handlers  # noqa: F401
