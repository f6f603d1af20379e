from django.apps import AppConfig


class RepositoryConfig(AppConfig):
    """The repository of good-practice items and its discovery: search, filters and facet
    counts, theme and region pages, the coverage grid, feeds, downloads and the API."""

    name = "goodpractice.repository"
    label = "repository"
    verbose_name = "Good practice repository"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice.repository import signal_handlers  # noqa: F401
