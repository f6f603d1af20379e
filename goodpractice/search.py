"""Faceted search over the repository: what a visitor asked for, and what it finds.

Wagtail's search results cannot be counted per facet with the *other* facets applied (the
usual "disjunctive" faceting, where ticking a second region widens the results), so this
module asks the search backend for the queryset of matches (the database backends'
`SearchResults.get_queryset()`) and counts facets in SQL on that match set: one aggregate
query per facet, however many items there are. Everything comes from the query string, so a
search can be bookmarked and shared; values it does not recognise are ignored and reported.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.search.backends import get_search_backend

import snowballstemmer
from taggit.models import Tag

from goodpractice.models import (
    Audience,
    GoodPracticeItemPage,
    GoodPracticeItemTag,
    ProtectedCharacteristic,
    Region,
    Theme,
)

ITEMS_PER_PAGE = 12
MAX_QUERY_LENGTH = 200
TAG_OPTIONS_SHOWN = 15

SORT_RELEVANCE, SORT_NEWEST, SORT_TITLE = "relevance", "newest", "title"
SORT_LABELS = {SORT_RELEVANCE: "Relevance", SORT_NEWEST: "Newest", SORT_TITLE: "A to Z"}
SORT_ORDERINGS = {
    SORT_NEWEST: ("-first_published_at", "-pk"),
    SORT_TITLE: ("title", "pk"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class FacetResult:
    key: str
    label: str
    options: list
    hidden_count: int = 0

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


class TermFacet:
    """A facet over one of the item's many-to-many classifications, chosen by slug."""

    def __init__(self, key, label, field_name, term_model):
        self.key, self.label, self.term_model = key, label, term_model
        relation = GoodPracticeItemPage._meta.get_field(field_name)
        self.through = relation.remote_field.through
        self.item_column = relation.m2m_column_name()
        self.term_column = relation.m2m_reverse_name()
        self.slugs_by_id = {}

    def load_options(self, requested):
        """Every term (one query), in the editors' order; zero-count terms stay visible."""
        rows = self.term_model.objects.order_by(*self.term_model._meta.ordering).values_list(
            "pk", "slug", "name"
        )
        self.slugs_by_id = {pk: slug for pk, slug, _name in rows}
        return [Option(value=slug, label=name) for _pk, slug, name in rows]

    def filter(self, slugs):
        ids = [pk for pk, slug in self.slugs_by_id.items() if slug in slugs]
        matches = self.through.objects.filter(**{f"{self.term_column}__in": ids})
        return Q(pk__in=matches.values(self.item_column))

    def counts(self, matching):
        rows = (
            self.through.objects.filter(**{f"{self.item_column}__in": matching.values("pk")})
            .values(self.term_column)
            .annotate(count=Count("pk"))
            .order_by()
            .values_list(self.term_column, "count")
        )
        return {self.slugs_by_id.get(pk): count for pk, count in rows}


class TagFacet:
    """Tags are free text and many, so only the commonest in the results are offered."""

    key, label = "tag", "Tag"

    def load_options(self, requested):
        if not requested:
            return []
        return [
            Option(value=slug, label=name)
            for slug, name in Tag.objects.filter(slug__in=requested).values_list("slug", "name")
        ]

    def filter(self, slugs):
        matches = GoodPracticeItemTag.objects.filter(tag__slug__in=slugs)
        return Q(pk__in=matches.values("content_object_id"))

    def counts_with_labels(self, matching):
        return list(
            GoodPracticeItemTag.objects.filter(content_object_id__in=matching.values("pk"))
            .values("tag__slug", "tag__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "tag__name")
            .values_list("tag__slug", "tag__name", "count")
        )


class ChoiceFacet:
    """A facet over one of the item's own choice fields (status, evaluation)."""

    def __init__(self, key, label, field_name):
        self.key, self.label, self.field_name = key, label, field_name
        self.choices = GoodPracticeItemPage._meta.get_field(field_name).choices

    def load_options(self, requested):
        return [Option(value=value, label=label) for value, label in self.choices]

    def filter(self, values):
        return Q(**{f"{self.field_name}__in": values})

    def counts(self, matching):
        rows = matching.order_by().values(self.field_name).annotate(count=Count("pk"))
        return {row[self.field_name]: row["count"] for row in rows}


def repository_facets():
    return [
        TermFacet("theme", "Theme", "themes", Theme),
        TermFacet("region", "Region", "regions", Region),
        TagFacet(),
        TermFacet("audience", "Audience", "audiences", Audience),
        TermFacet(
            "characteristic",
            "Protected characteristic",
            "protected_characteristics",
            ProtectedCharacteristic,
        ),
        ChoiceFacet("status", "Status", "status"),
        ChoiceFacet("evaluation", "Evaluation", "evaluation"),
    ]


def clean_query_text(raw):
    """Collapse whitespace and cut very long input at a word, so it stays a normal search."""
    text = " ".join((raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return cut, True


_stemmer = snowballstemmer.stemmer("english")
_WORD = re.compile(r"\w+", re.UNICODE)


def query_stems(text):
    return {_stemmer.stemWord(word.lower()) for word in _WORD.findall(text)}


def highlight(text, stems):
    """Escape `text`, then wrap words whose English stem matches the query's in <mark>.

    PostgreSQL matches with the same Snowball English stemmer, so "inducting" marks
    "induction". Escaping comes first: nothing an author or searcher typed reaches the page raw.
    """
    if not stems:
        return escape(text)
    pieces, position = [], 0
    for match in _WORD.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        word = match.group()
        if _stemmer.stemWord(word.lower()) in stems:
            pieces.append(f"<mark>{escape(word)}</mark>")
        else:
            pieces.append(escape(word))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


@dataclass
class ChosenFilter:
    label: str
    value_label: str
    remove_url: str


@dataclass
class SearchState:
    """What the visitor asked for, read from the query string; nothing else holds state."""

    q: str = ""
    selected: dict = field(default_factory=dict)
    sort: str = SORT_NEWEST
    page: str = "1"
    notices: list = field(default_factory=list)

    def params(self, *, without=None, page=False):
        """The query string for this state, optionally minus one (facet key, value) or q."""
        pairs = []
        if self.q and without != ("q", self.q):
            pairs.append(("q", self.q))
        for key, values in self.selected.items():
            pairs += [(key, value) for value in values if without != (key, value)]
        if self.sort != self.default_sort:
            pairs.append(("sort", self.sort))
        if page and self.page not in ("", "1"):
            pairs.append(("page", self.page))
        return urlencode(pairs)

    @property
    def default_sort(self):
        return SORT_RELEVANCE if self.q else SORT_NEWEST

    @property
    def has_filters(self):
        return any(self.selected.values())

    @property
    def is_active(self):
        return bool(self.q or self.has_filters)


class RepositorySearch:
    """Runs one search of the repository: results, facet counts and chosen filters.

    `items` is the live items in scope (the whole repository, or one theme's or region's);
    `locked` names a facet that the scope already fixes, which is then not offered.
    """

    def __init__(self, items, query_dict, *, locked=None, per_page=ITEMS_PER_PAGE):
        self.items = items
        self.locked = locked
        self.per_page = per_page
        self.facets = [facet for facet in repository_facets() if facet.key != locked]
        self.state = self._read_state(query_dict)

    def _read_state(self, query_dict):
        q, shortened = clean_query_text(query_dict.get("q", ""))
        state = SearchState(q=q, page=query_dict.get("page", "1")[:10])
        if shortened:
            state.notices.append(
                f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."
            )
        self.options = {}
        for facet in self.facets:
            requested = list(dict.fromkeys(v[:150] for v in query_dict.getlist(facet.key) if v))
            options = facet.load_options(requested)
            known = {option.value: option for option in options}
            self.options[facet.key] = options
            chosen = [value for value in requested if value in known]
            ignored = [value for value in requested if value not in known]
            if chosen:
                state.selected[facet.key] = chosen
            for value in chosen:
                known[value].selected = True
            if ignored:
                state.notices.append(
                    f"We could not find the {facet.label.lower()} "
                    + ", ".join(f'"{value}"' for value in ignored)
                    + ", so we searched without it."
                )
        sort = query_dict.get("sort", "")
        state.sort = state.default_sort
        if sort in SORT_LABELS and (sort != SORT_RELEVANCE or q):
            state.sort = sort
        return state

    def _filters(self, except_key=None):
        condition = Q()
        for facet in self.facets:
            values = self.state.selected.get(facet.key)
            if values and facet.key != except_key:
                condition &= facet.filter(values)
        return condition

    @cached_property
    def text_matches(self):
        """The items in scope that match the text query, ranked when sorting by relevance."""
        if not self.state.q:
            return self.items
        backend = get_search_backend()
        results = backend.search(
            self.state.q,
            self.items.order_by(),
            order_by_relevance=self.state.sort == SORT_RELEVANCE,
        )
        if not hasattr(results, "get_queryset"):  # no query left, e.g. only punctuation
            return self.items.none()
        return results.get_queryset()

    @cached_property
    def results(self):
        """Matches with every chosen filter applied, in the chosen order."""
        matches = self.text_matches.filter(self._filters())
        if self.state.sort != SORT_RELEVANCE:
            matches = matches.order_by(*SORT_ORDERINGS[self.state.sort])
        return matches.defer_streamfields().prefetch_related("themes", "regions")

    @cached_property
    def page(self):
        page = Paginator(self.results, self.per_page).get_page(self.state.page)
        stems = query_stems(self.state.q)
        for item in page.object_list:
            item.snippet = highlight(item.summary, stems)
            item.snippet_matched = "<mark>" in item.snippet
        return page

    @cached_property
    def facet_results(self):
        """Each facet's options with the count each would give, the other facets applied."""
        results = []
        for facet in self.facets:
            matching = self.text_matches.order_by().filter(self._filters(except_key=facet.key))
            if isinstance(facet, TagFacet):
                results.append(self._tag_result(facet, matching))
                continue
            counts = facet.counts(matching)
            options = self.options[facet.key]
            for option in options:
                option.count = counts.get(option.value, 0)
            results.append(FacetResult(facet.key, facet.label, options))
        return results

    def _tag_result(self, facet, matching):
        selected = set(self.state.selected.get(facet.key, []))
        rows = facet.counts_with_labels(matching)
        shown = [
            Option(slug, name, count, slug in selected)
            for index, (slug, name, count) in enumerate(rows)
            if index < TAG_OPTIONS_SHOWN or slug in selected
        ]
        counted = {option.value for option in shown}
        shown += [
            Option(option.value, option.label, 0, True)
            for option in self.options[facet.key]
            if option.value not in counted
        ]
        return FacetResult(facet.key, facet.label, shown, hidden_count=len(rows) - len(shown))

    @cached_property
    def chosen_filters(self):
        """What the visitor chose, each with the address that removes just that choice."""
        chosen = []
        if self.state.q:
            chosen.append(
                ChosenFilter(
                    "Search", self.state.q, "?" + self.state.params(without=("q", self.state.q))
                )
            )
        for facet in self.facets:
            labels = {option.value: option.label for option in self.options[facet.key]}
            for value in self.state.selected.get(facet.key, []):
                remove = "?" + self.state.params(without=(facet.key, value))
                chosen.append(ChosenFilter(facet.label, labels.get(value, value), remove))
        return chosen

    @property
    def sort_options(self):
        keys = [SORT_RELEVANCE] if self.state.q else []
        return [(key, SORT_LABELS[key]) for key in [*keys, SORT_NEWEST, SORT_TITLE]]

    def feed_items(self, limit):
        """The newest matching items, whatever order the page is sorted in."""
        return (
            self.text_matches.filter(self._filters())
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .prefetch_related("themes", "regions")[:limit]
        )

    def export_items(self):
        return (
            self.text_matches.filter(self._filters())
            .order_by(*SORT_ORDERINGS.get(self.state.sort, SORT_ORDERINGS[SORT_NEWEST]))
            .defer_streamfields()
            .prefetch_related("themes", "regions", "audiences", "protected_characteristics", "tags")
        )

    def describe(self):
        """A short plain-text summary of the search, for feed titles and export names."""
        parts = []
        if self.state.q:
            parts.append(f'"{self.state.q}"')
        for facet in self.facets:
            labels = {option.value: option.label for option in self.options[facet.key]}
            parts += [labels.get(value, value) for value in self.state.selected.get(facet.key, [])]
        return ", ".join(parts)
