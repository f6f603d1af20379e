from django.apps import AppConfig


class GoodPracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice import signal_handlers  # noqa: F401
