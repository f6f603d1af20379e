from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap

from goodpractice import health
from goodpractice.accounts import urls as accounts_urls
from goodpractice.accounts import views as accounts_views
from goodpractice.alerts import urls as alerts_urls
from goodpractice.api import api_router
from goodpractice.search import urls as search_urls
from goodpractice.sitemaps import PageSitemap
from resources import downloads

SITEMAPS = {"pages": PageSitemap}

handler500 = "goodpractice.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Before Wagtail's admin: sign-out only on POST, a throttled password reset, and
    # two-step verification (goodpractice.accounts).
    path("admin/logout/", accounts_views.logout, name="wagtailadmin_logout"),
    path(
        "admin/password_reset/",
        accounts_views.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/two-step/", include(accounts_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document serve view, with caching headers (resources.downloads).
    path("documents/", include(downloads)),
    path("api/v2/", api_router.urls),
    # The site-wide search, where the header's search box sends its query.
    path("search/", include(search_urls)),
    # Email alerts about new items for a search or filters (goodpractice.alerts).
    path("alerts/", include(alerts_urls)),
    # An index of numbered sitemaps (goodpractice.sitemaps).
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
