"""Which items an alert's query matches: the finder's own search, read from the same query
string as its listing and feeds (goodpractice.repository.search.RepositorySearch).

The repository has no "items matching this query published since X" function, so this module
puts one together from its public parts: the search's bitset of matching items (from the
facet index, text matches from the search backend) tested against the few items published
since X, which the database finds by date.
"""

from urllib.parse import urlencode, urljoin

from django.conf import settings
from django.http import QueryDict

from goodpractice.repository import facet_index
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.repository.pages import GoodPracticeIndexPage
from goodpractice.repository.search import RepositorySearch, fetch_results

MAX_QUERY_LENGTH = 2000


def finder():
    """The repository page (there is one per site), or None before it is made."""
    return GoodPracticeIndexPage.objects.live().first()


def absolute_url(path):
    """An address for emails, from the site's public address (WAGTAILADMIN_BASE_URL)."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path)


def search_for(repository, query):
    return RepositorySearch(repository, QueryDict(query[:MAX_QUERY_LENGTH]))


def normalise_query(repository, query):
    """The query string of the finder's text search and filters only, in a fixed order:
    unknown values, the sort and the page dropped, so one search is one query string."""
    search = search_for(repository, query)
    pairs = [("q", search.state.q)] if search.state.q else []
    for facet in search.facets:
        pairs += [(facet.key, value) for value in sorted(search.state.selected.get(facet.key, []))]
    return urlencode(pairs)


def describe(repository, query):
    """The search in words, for pages and emails: '"mentoring", Induction, London'."""
    return search_for(repository, query).describe()


def finder_url(repository, query):
    """The listing for this query, as a full address."""
    return absolute_url(repository.get_url() + (f"?{query}" if query else ""))


class QueryMatcher:
    """Answers "does this query match these items?" for many alerts, each query's search run
    once however many subscribers follow it."""

    def __init__(self, repository):
        self.repository = repository
        self._masks = {}
        self._refreshed = False

    def _mask(self, query):
        if query not in self._masks:
            self._masks[query] = search_for(self.repository, query).mask(facet_index.NEWEST)
        return self._masks[query]

    def matching(self, query, item_ids):
        """The ids among `item_ids` (live items) that `query` finds, in the order given."""
        index = facet_index.get_index(self.repository)
        if not self._refreshed and any(pk not in index.position for pk in item_ids):
            # An index built while the item's publication was still uncommitted: rebuild.
            facet_index.bump_version()
            self._masks.clear()
            self._refreshed = True
            index = facet_index.get_index(self.repository)
        mask, position = self._mask(query), index.position
        return [pk for pk in item_ids if pk in position and mask >> position[pk] & 1]


def items_published_since(repository, since, until=None):
    """Ids of the repository's live items first published from `since` on, newest first."""
    items = GoodPracticeItemPage.objects.published_in(repository).filter(
        first_published_at__gte=since
    )
    if until is not None:
        items = items.filter(first_published_at__lte=until)
    return list(items.newest_first().values_list("pk", flat=True))


def items_for_email(repository, item_ids):
    """The live items among these ids, newest first, with a full address each."""
    items = fetch_results(facet_index.get_index(repository), list(item_ids))
    items.sort(key=lambda item: (item.first_published_at, item.pk), reverse=True)
    for item in items:
        item.alert_url = absolute_url(item.get_url())
    return items
