from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = "Multi-faith calendar"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from calendars import signal_handlers  # noqa: F401 (connects them)
