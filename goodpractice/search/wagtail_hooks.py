from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from goodpractice.home.site_chrome import SEARCH_PAGE_HOOK
from goodpractice.repository.views import FOUND_NOTHING_HOOK
from goodpractice.search.admin_views import UnansweredSearchesReportView
from goodpractice.search.models import UnansweredSearch


class SiteSearchAddress:
    """What the header asks of a search page: its address."""

    def get_url(self, request=None):
        return reverse("site_search")


@hooks.register(SEARCH_PAGE_HOOK, order=-1)  # before the repository's own
def site_search_searches_the_site(site):
    """The header's search box searches the whole site (goodpractice.search.views)."""
    return SiteSearchAddress()


@hooks.register(FOUND_NOTHING_HOOK)
def record_found_nothing(query_text):
    """The repository's page found nothing for a search with no filters: list it too."""
    UnansweredSearch.objects.record(query_text)


@hooks.register("register_admin_urls")
def register_unanswered_searches_report():
    return [
        path(
            "reports/searches-that-found-nothing/",
            UnansweredSearchesReportView.as_view(),
            name="unanswered_searches",
        ),
        path(
            "reports/searches-that-found-nothing/results/",
            UnansweredSearchesReportView.as_view(results_only=True),
            name="unanswered_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return MenuItem(
        "Searches that found nothing",
        reverse("unanswered_searches"),
        name="searches-that-found-nothing",
        icon_name="search",
        order=1310,
    )
