from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """Submissions from regional teams through the public form, and their moderation by the
    quality team: the Submissions area of the admin, the emails and the approval workflow."""

    name = "goodpractice.submissions"
    label = "submissions"
    verbose_name = "Submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice.submissions import signal_handlers  # noqa: F401
