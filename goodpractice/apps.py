from django.apps import AppConfig


class GoodPracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice import search_indexing  # noqa: F401 - connects its signal receiver
