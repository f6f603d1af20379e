"""The site-wide search page (`/search/`), where the header's search box sends its query, and
its autocomplete. Thin: the search is goodpractice.search.site_search."""

from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse

from goodpractice.repository import views as repository_views
from goodpractice.repository.pages import GoodPracticeIndexPage
from goodpractice.search.models import UnansweredSearch
from goodpractice.search.site_search import SiteSearch


def site_search(request):
    search = SiteSearch(request.GET, request)
    promotions = []
    if search.q:
        first_page = search.page_number in ("", "1")
        logged_query = repository_views.log_search(search.q, hit=first_page and not search.kind)
        promotions = list(
            logged_query.editors_picks.filter(
                Q(page__isnull=True) | Q(page__live=True)
            ).select_related("page")
        )
        if search.words and not search.kind and first_page and search.total == 0:
            UnansweredSearch.objects.record(search.q)
    response = TemplateResponse(
        request,
        "search/site_search.html",
        {"search": search, "promotions": promotions, "kind_page": search.kind and search.kind_page},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def autocomplete(request):
    """The header box's suggestions: the repository's item titles."""
    repository = GoodPracticeIndexPage.objects.live().first()
    if repository is None:
        raise Http404
    return repository_views.autocomplete_view(repository, request)
