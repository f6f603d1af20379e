from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = "Multi-faith calendar"
    default_auto_field = "django.db.models.BigAutoField"
