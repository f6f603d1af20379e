from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's place for connecting signals: the handlers need the models, loaded by now.
        from resources import signal_handlers  # noqa: F401
