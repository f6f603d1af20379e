from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site-wide search (the header's search box): items, resources, content pages, faith
    pages and observances, grouped by kind; and the searches that found nothing, for editors."""

    name = "goodpractice.search"
    label = "site_search"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"
