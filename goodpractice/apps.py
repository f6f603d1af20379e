from django.apps import AppConfig


class GoodPracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the signal receivers: submission workflow, search reindexing, and the
        # cached header, footer and breadcrumbs.
        from goodpractice import search_indexing, signal_handlers, site_chrome  # noqa: F401

        site_chrome.connect_signals()
