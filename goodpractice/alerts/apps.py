from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts about new items for any search or filters of the repository, with double
    opt-in and no account: immediate or a weekly digest, sent by the task worker."""

    name = "goodpractice.alerts"
    label = "alerts"
    verbose_name = "Email alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice.alerts import signal_handlers  # noqa: F401
