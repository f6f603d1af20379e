"""Faceted search over the repository: what a visitor asked for, and what it finds.

Everything comes from the query string, so a search can be bookmarked and shared; values it
does not recognise are ignored and reported. Text matching and ranking are Wagtail's search
backend (PostgreSQL full-text search, or SQLite FTS5); filters and facet counts come from
goodpractice.repository.facet_index, a bitmap index of the live items, so that counting every option
with the other facets applied ("disjunctive" faceting) costs a few microseconds per option
instead of a GROUP BY per facet. The database then fetches only the items shown.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from goodpractice.repository import facet_index
from goodpractice.repository.search.backend import TextMatches, matching_ids
from goodpractice.repository.search.facets import (
    TAG_OPTIONS_SHOWN,
    FacetResult,
    Option,
    TagFacet,
    repository_facets,
)
from goodpractice.repository.search.results import ResultList, fetch_results
from goodpractice.repository.search.text import (
    MAX_QUERY_LENGTH,
    clean_query_text,
    highlight,
    query_stems,
    search_words,
)

ITEMS_PER_PAGE = 12

SORT_RELEVANCE, SORT_NEWEST, SORT_TITLE = "relevance", "newest", "title"
SORT_LABELS = {SORT_RELEVANCE: "Relevance", SORT_NEWEST: "Newest", SORT_TITLE: "A to Z"}


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

    `scope` is a (facet key, slug) pair that a theme's or region's page fixes; that facet is
    then not offered.
    """

    def __init__(self, repository, query_dict, *, scope=None, per_page=ITEMS_PER_PAGE):
        self.repository = repository
        self.scope = scope
        self.per_page = per_page
        self.index = facet_index.get_index(repository)
        locked = scope[0] if scope else None
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
            options = facet.load_options(requested, self.index)
            known = {option.value: option for option in options}
            self.options[facet.key] = options
            chosen = [value for value in requested if value in known]
            ignored = [value for value in requested if value not in known]
            if chosen:
                state.selected[facet.key] = chosen
            for value in chosen:
                known[value].selected = True
            if ignored:
                named = ", ".join(f'"{value[:40]}"' for value in ignored[:3])
                more = f" and {len(ignored) - 3} more" if len(ignored) > 3 else ""
                state.notices.append(
                    f"We could not find the {facet.label.lower()} {named}{more}, "
                    "so we searched without it."
                )
        sort = query_dict.get("sort", "")
        state.sort = state.default_sort
        if sort in SORT_LABELS and (sort != SORT_RELEVANCE or q):
            state.sort = sort
        return state

    @property
    def order(self):
        return facet_index.TITLE if self.state.sort == SORT_TITLE else facet_index.NEWEST

    @cached_property
    def text_matches(self):
        """The items matching the text query, best first (None without a query)."""
        if not self.state.q:
            return None
        words = search_words(self.state.q)
        if not words:  # only punctuation or symbols: nothing a full-text index can match
            return TextMatches([])
        return matching_ids(words, self.state.sort == SORT_RELEVANCE, self.index)

    def _base_mask(self, order):
        """The items in scope that match the text query, as a bitset in `order`."""
        index = self.index
        mask = index.everything()
        if self.scope:
            mask &= index.option_mask(*self.scope, order=order)
        if self.text_matches is not None:
            mask &= self.text_matches.mask(index, order)
        return mask

    def _filter_mask(self, order, except_key=None):
        mask = self._base_mask(order)
        for key, values in self.state.selected.items():
            if key == except_key:
                continue
            either = 0
            for value in values:
                either |= self.index.option_mask(key, value, order)
            mask &= either
        return mask

    @cached_property
    def _masks(self):
        return {}

    def mask(self, order, except_key=None):
        cache_key = (order, except_key)
        if cache_key not in self._masks:
            self._masks[cache_key] = self._filter_mask(order, except_key)
        return self._masks[cache_key]

    @cached_property
    def total(self):
        return self.mask(facet_index.NEWEST).bit_count()

    def ids_in_order(self, start, count, sort=None):
        """Ids of matching items start..start+count-1 in the chosen (or given) order."""
        sort = sort or self.state.sort
        if sort == SORT_RELEVANCE:
            final, position = self.mask(facet_index.NEWEST), self.index.position
            matching = (
                pk
                for pk in self.text_matches.ranked()
                if pk in position and final >> position[pk] & 1
            )
            found = []
            for number, pk in enumerate(matching):
                if number >= start + count:
                    break
                if number >= start:
                    found.append(pk)
            return found
        order = facet_index.TITLE if sort == SORT_TITLE else facet_index.NEWEST
        positions = facet_index.select_positions(self.mask(order), start, count)
        return self.index.ids_at(positions, order)

    def fetch(self, ids):
        return fetch_results(self.index, ids)

    @cached_property
    def page(self):
        page = Paginator(ResultList(self), self.per_page).get_page(self.state.page)
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
            others = self.mask(facet_index.NEWEST, except_key=facet.key)
            masks = self.index.masks.get(facet.key, {})
            if isinstance(facet, TagFacet):
                results.append(self._tag_result(facet, others, masks))
                continue
            options = self.options[facet.key]
            for option in options:
                mask = masks.get(option.value)
                option.count = (mask.newest & others).bit_count() if mask else 0
            results.append(FacetResult(facet.key, facet.label, options))
        return results

    @property
    def facets_cache_key(self):
        """What the facets shown depend on: the content (the index's version), the scope,
        the text query and the choices; not the sort or the page."""
        chosen = sorted((key, sorted(values)) for key, values in self.state.selected.items())
        return repr((self.index.version, self.scope, self.state.q, chosen))

    @property
    def facets_cache_timeout(self):
        return facet_index.max_age()

    def _tag_result(self, facet, others, masks):
        selected = set(self.state.selected.get(facet.key, []))
        counted = sorted(
            (
                (-(mask.newest & others).bit_count(), self.index.tag_names.get(slug, slug), slug)
                for slug, mask in masks.items()
            ),
        )
        counted = [(slug, name, -negative) for negative, name, slug in counted if negative]
        shown = [
            Option(slug, name, count, slug in selected)
            for number, (slug, name, count) in enumerate(counted)
            if number < TAG_OPTIONS_SHOWN or slug in selected
        ]
        listed = {option.value for option in shown}
        shown += [
            Option(slug, self.index.tag_names.get(slug, slug), 0, True)
            for slug in self.state.selected.get(facet.key, [])
            if slug not in listed
        ]
        return FacetResult(
            facet.key, facet.label, shown, hidden_count=max(0, len(counted) - len(shown))
        )

    @cached_property
    def chosen_filters(self):
        """What the visitor chose, each with the address that removes just that choice."""
        chosen = []
        if self.state.q:
            remove = "?" + self.state.params(without=("q", self.state.q))
            chosen.append(ChosenFilter("Search", self.state.q, remove))
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
        return self.fetch(self.ids_in_order(0, limit, sort=SORT_NEWEST))

    def describe(self):
        """A short plain-text summary of the search, for feed titles."""
        parts = []
        if self.state.q:
            parts.append(f'"{self.state.q}"')
        for facet in self.facets:
            labels = {option.value: option.label for option in self.options[facet.key]}
            parts += [labels.get(value, value) for value in self.state.selected.get(facet.key, [])]
        return ", ".join(parts)
