from django.apps import AppConfig


class GoodPracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the signal receivers: submission workflow and search reindexing.
        from goodpractice import search_indexing, signal_handlers  # noqa: F401
