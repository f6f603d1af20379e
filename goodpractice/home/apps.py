from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's common pages and blocks: home, content pages, header, footer, breadcrumbs."""

    name = "goodpractice.home"
    label = "home"
    verbose_name = "Site pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from goodpractice.home import frontend_cache, routing, site_chrome

        site_chrome.connect_signals()
        routing.connect_signals()
        frontend_cache.connect_signals()  # after: a purge must find the new version
