"""One search over the whole site, grouped by kind: good-practice items, resources, documents,
content pages, faith pages and observances.

Items are the repository's own search (its ranking, facet index and cache), so their count
is the finder's and "See all" opens the finder. Every other kind is one read of Wagtail's
search index for all of them at once (the repository's backend, so stemmed and with title
matches first on both databases), at most MATCHES_READ entries; then one query per kind
keeps what a visitor may see (live, public pages; documents outside private collections;
observances of live faith pages) and reads what a result shows.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import QueryDict
from django.utils.functional import cached_property

from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.search.utils import get_descendants_content_types_pks

from calendars.models import FaithPage, Observance
from goodpractice.home.models import ContentPage
from goodpractice.repository.pages import GoodPracticeIndexPage
from goodpractice.repository.search import RepositorySearch, clean_query_text, search_words
from goodpractice.repository.search.backend import index_matches
from goodpractice.repository.search.suggestions import did_you_mean
from goodpractice.repository.search.text import MAX_QUERY_LENGTH, highlight, query_stems
from resources.models import ResourceDocument, ResourcePage

PER_GROUP = 5  # results of each kind on the overview
PER_PAGE = 20  # results on one kind's own pages
MATCHES_READ = 1_000  # index entries read for the kinds other than items


@dataclass
class Result:
    title: str
    url: str
    snippet: str = ""
    note: str = ""


@dataclass
class Group:
    key: str
    label: str
    singular: str
    plural: str
    count: int = 0
    results: list = field(default_factory=list)
    see_all_url: str = ""


class Kind(ABC):
    """One kind of result: how to keep the visible ones among matching ids, and show them."""

    key = label = singular = plural = ""
    model = None

    @abstractmethod
    def visible(self, ids, restricted_paths):
        """The visible objects among `ids`, in any order."""

    @abstractmethod
    def result(self, obj, request, stems):
        """The `Result` that shows `obj`."""


class PageKind(Kind):
    description_field = "introduction"

    def visible(self, ids, restricted_paths):
        hidden = Q()
        for path in restricted_paths:
            hidden |= Q(path__startswith=path)
        pages = self.model.objects.live().filter(pk__in=ids)
        if restricted_paths:
            pages = pages.exclude(hidden)
        return pages.only("id", "title", "url_path", "path", self.description_field)

    def result(self, page, request, stems):
        return Result(
            page.title,
            page.get_url(request),
            highlight(getattr(page, self.description_field), stems),
        )


class ResourceKind(PageKind):
    key, label, singular, plural = "resources", "Resources", "resource", "resources"
    model = ResourcePage
    description_field = "description"


class ContentKind(PageKind):
    key, label, singular, plural = "pages", "Pages", "page", "pages"
    model = ContentPage


class FaithKind(PageKind):
    key, label, singular, plural = "faiths", "Faiths and beliefs", "faith page", "faith pages"
    model = FaithPage


class DocumentKind(Kind):
    key, label, singular, plural = "documents", "Documents", "document", "documents"
    model = ResourceDocument

    def visible(self, ids, restricted_paths):
        # Private if its collection or any collection above it has a view restriction.
        restricted = CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
        )
        return (
            self.model.objects.filter(pk__in=ids)
            .exclude(Exists(restricted))
            .only("id", "title", "file", "description", "url_token")
        )

    def result(self, document, request, stems):
        return Result(document.title, document.url, highlight(document.description, stems))


class ObservanceKind(Kind):
    key, label, singular, plural = "observances", "Observances", "observance", "observances"
    model = Observance

    def visible(self, ids, restricted_paths):
        observances = Observance.objects.live().filter(pk__in=ids, faith__live=True)
        for path in restricted_paths:
            observances = observances.exclude(faith__path__startswith=path)
        return observances.select_related("faith").only(
            "id", "name", "slug", "summary", "faith__title", "faith__url_path", "faith__path"
        )

    def result(self, observance, request, stems):
        return Result(
            observance.name,
            f"{observance.faith.get_url(request)}#{observance.slug}",
            highlight(observance.summary, stems),
            note=observance.faith.title,
        )


KINDS = [ResourceKind(), DocumentKind(), ContentKind(), FaithKind(), ObservanceKind()]
BY_KEY = {kind.key: kind for kind in KINDS}
ITEMS = "items"


class SiteSearch:
    """One search of the whole site, from the query string (`q`, `kind`, `page`)."""

    def __init__(self, query_dict, request):
        self.request = request
        self.q, self.shortened = clean_query_text(query_dict.get("q", ""))
        kind = query_dict.get("kind", "")
        self.kind = kind if kind in BY_KEY else ""
        self.page_number = query_dict.get("page", "1")[:10]
        self.notices = (
            [f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."]
            if self.shortened
            else []
        )

    @cached_property
    def words(self):
        return search_words(self.q)

    @cached_property
    def stems(self):
        return query_stems(self.q)

    @cached_property
    def repository(self):
        return GoodPracticeIndexPage.objects.live().first()

    @cached_property
    def item_search(self):
        if self.repository is None or not self.words:
            return None
        query = QueryDict(mutable=True)
        query["q"] = self.q
        return RepositorySearch(self.repository, query)

    def _items_group(self):
        group = Group(ITEMS, "Good practice", "good practice item", "good practice items")
        search = self.item_search
        if search is None:
            return group
        group.count = search.total
        items = search.fetch(search.ids_in_order(0, PER_GROUP))
        group.results = [
            Result(
                item.title,
                item.get_url(self.request),
                highlight(item.summary, self.stems),
                note="; ".join(item.theme_names),
            )
            for item in items
        ]
        group.see_all_url = self.repository.get_url(self.request) + "?" + search.state.params()
        return group

    @cached_property
    def _visible_matches(self):
        """{kind key: visible objects, best first}, for every kind but items."""
        if not self.words:
            return {kind.key: [] for kind in KINDS}
        kinds = [BY_KEY[self.kind]] if self.kind else KINDS
        matches = index_matches(self.words, [kind.model for kind in kinds], MATCHES_READ)
        kind_of_type = {
            content_type: kind
            for kind in kinds
            for content_type in get_descendants_content_types_pks(kind.model)
        }
        ranked = {kind.key: [] for kind in kinds}
        for content_type, object_id in matches:
            ranked[kind_of_type[content_type].key].append(object_id)
        restricted_paths = (
            list(PageViewRestriction.objects.values_list("page__path", flat=True))
            if any(ranked.values())
            else []
        )
        visible = {}
        for kind in kinds:
            ids = ranked[kind.key]
            if not ids:
                visible[kind.key] = []
                continue
            by_id = {obj.pk: obj for obj in kind.visible(ids, restricted_paths)}
            visible[kind.key] = [by_id[pk] for pk in ids if pk in by_id]
        return visible

    def _group(self, kind, objects):
        group = Group(kind.key, kind.label, kind.singular, kind.plural, count=len(objects))
        group.results = [kind.result(obj, self.request, self.stems) for obj in objects]
        return group

    @cached_property
    def groups(self):
        """Every kind with its count and first few results (the overview)."""
        groups = [self._items_group()]
        for kind in KINDS:
            objects = self._visible_matches[kind.key]
            group = self._group(kind, objects[:PER_GROUP])
            group.count = len(objects)
            group.see_all_url = f"?{self.params(kind=kind.key)}"
            groups.append(group)
        return groups

    @cached_property
    def kind_page(self):
        """One kind's results, a page at a time (with `kind`)."""
        kind = BY_KEY[self.kind]
        page = Paginator(self._visible_matches[kind.key], PER_PAGE).get_page(self.page_number)
        page.group = self._group(kind, list(page.object_list))
        page.group.count = page.paginator.count
        return page

    @cached_property
    def total(self):
        if self.kind:
            return self.kind_page.paginator.count
        return sum(group.count for group in self.groups)

    @cached_property
    def suggestion(self):
        """A corrected query when this one found little, or None."""
        if not self.words or self.total:  # anything found: every word is in the index
            return None
        return did_you_mean(self.q)

    @property
    def suggestion_url(self):
        return f"?{self.params(q=self.suggestion)}" if self.suggestion else ""

    def params(self, **changes):
        values = {"q": self.q, "kind": self.kind, **changes}
        return urlencode({key: value for key, value in values.items() if value})
