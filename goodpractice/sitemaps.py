"""sitemap.xml: Wagtail's sitemap of live public pages, in numbered files small enough to serve.

Wagtail's own class is used as it is, with two changes for a repository of 100,000 items:
the index's "last modified" date is one aggregate query (Django otherwise reads every page
to find the latest), and each numbered file lists 5,000 addresses rather than the 50,000
the protocol allows, so that no single file takes seconds to build.
"""

from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    limit = 5000

    def get_latest_lastmod(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return pages.aggregate(latest=Max("last_published_at"))["latest"]
