"""Faceted search over the repository: what a visitor asked for, and what it finds.

Everything comes from the query string, so a search can be bookmarked and shared; values it
does not recognise are ignored and reported. Text matching and ranking are Wagtail's search
backend (PostgreSQL full-text search, or SQLite FTS5); filters and facet counts come from
goodpractice.facet_index, a bitmap index of the live items, so that counting every option
with the other facets applied ("disjunctive" faceting) costs a few microseconds per option
instead of a GROUP BY per facet. The database then fetches only the items shown.
"""

import functools
import hashlib
import re
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import F, IntegerField, Q
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_descendants_content_types_pks

import snowballstemmer

from goodpractice import facet_index
from goodpractice.models import (
    Audience,
    GoodPracticeItemPage,
    ProtectedCharacteristic,
    Region,
    Theme,
)

ITEMS_PER_PAGE = 12
MAX_QUERY_LENGTH = 200
TAG_OPTIONS_SHOWN = 15

# What a result, a feed entry and an item's address need: nothing else is read for them.
RESULT_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "content_type_id",
    "summary",
    "first_published_at",
    "last_published_at",
)

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

    def load_options(self, requested, index):
        """Every term, in the editors' order, zero-count ones included (from the index)."""
        return [Option(value=slug, label=name) for slug, name in index.terms.get(self.key, [])]


class TagFacet:
    """Tags are free text and many, so only the commonest in the results are offered."""

    key, label = "tag", "Tag"

    def load_options(self, requested, index):
        names = index.tag_names
        return [Option(value=slug, label=names[slug]) for slug in requested if slug in names]


class ChoiceFacet:
    """A facet over one of the item's own choice fields (status, evaluation)."""

    def __init__(self, key, label, field_name):
        self.key, self.label, self.field_name = key, label, field_name
        self.choices = GoodPracticeItemPage._meta.get_field(field_name).choices

    def load_options(self, requested, index):
        return [Option(value=value, label=label) for value, label in self.choices]


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
    """Drop control characters, collapse whitespace and cut very long input at a word.

    Control characters (a NUL, say) can be neither stored by PostgreSQL nor written in a feed's
    XML, and no one searches for them.
    """
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    text = " ".join(printable.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return cut, True


_stemmer = snowballstemmer.stemmer("english")
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text):
    """The words of a query, without the punctuation that search syntaxes treat as operators.

    SQLite's FTS5 rejects a query with a stray quote or bracket, and PostgreSQL only indexes
    words anyway, so both backends get the same plain words.
    """
    return " ".join(_WORD.findall(text))


@functools.lru_cache(maxsize=20_000)
def stem(word):
    """A word's English (Snowball) stem, as PostgreSQL's "english" configuration makes it.

    Remembered: highlighting stems every word of every result shown, from a small vocabulary.
    """
    return _stemmer.stemWord(word.lower())


def query_stems(text):
    return {stem(word) for word in _WORD.findall(text)}


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
        if stem(word) in stems:
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


class TextMatches:
    """The items matching one text query: their ids (best first when ranked), and the same
    set as a bitset of the facet index, made once per listing order and then reused."""

    def __init__(self, ids):
        self.ids = ids
        self._masks = {}

    def mask(self, index, order):
        if order not in self._masks:
            self._masks[order] = index.mask_for_ids(self.ids, order)
        return self._masks[order]


_recent_matches = OrderedDict()
_recent_matches_lock = threading.Lock()
RECENT_MATCHES_KEPT = 32


def matching_ids(words, by_relevance, index):
    """The items matching `words` (best first if `by_relevance`), from Wagtail's search
    backend, as TextMatches.

    Ranking every match is the costly part of a search, and ticking a filter or turning a
    page repeats the same text query, so answers are remembered until the content changes:
    the last few in this process with their bitsets, for as long as its facet `index` is
    current, and in Django's cache (Redis in production, shared by every process) under the
    content's version, for at most FACET_INDEX_MAX_AGE seconds.
    """
    key = (index.build, words, by_relevance)
    with _recent_matches_lock:
        if key in _recent_matches:
            _recent_matches.move_to_end(key)
            return _recent_matches[key]
    digest = hashlib.blake2b(words.encode(), digest_size=16).hexdigest()
    shared_key = f"goodpractice:matches:{index.version}:{int(by_relevance)}:{digest}"
    stored = cache.get(shared_key)
    if stored is not None:
        ids = array("i")
        ids.frombytes(stored)
        ids = ids.tolist()
    else:
        ids = _search_backend_ids(words, by_relevance)
        cache.set(shared_key, array("i", ids).tobytes(), facet_index.max_age())
    matches = TextMatches(ids)
    with _recent_matches_lock:
        _recent_matches[key] = matches
        while len(_recent_matches) > RECENT_MATCHES_KEPT:
            _recent_matches.popitem(last=False)
    return matches


def _search_backend_ids(words, by_relevance):
    results = get_search_backend().search(
        words, GoodPracticeItemPage.objects.order_by(), order_by_relevance=by_relevance
    )
    if not hasattr(results, "get_queryset"):  # EmptySearchResults: nothing to match
        return []
    compiler = getattr(results, "query_compiler", None)
    if isinstance(compiler, PostgresSearchQueryCompiler) and compiler.fields is None:
        return _postgres_index_ids(results.backend, compiler, by_relevance)
    return list(results.get_queryset().values_list("pk", flat=True))


def _postgres_index_ids(backend, compiler, by_relevance):
    """Wagtail's own PostgreSQL search (its tsquery, its rank: title by its norm plus body),
    read straight from its index table.

    Wagtail's queryset joins the index to the items and their pages, and PostgreSQL, which
    does not know that computing `title || body` for a row is costly, then reads every item's
    index row for a common word: 50-600 ms at 100,000 items before any ranking. Here the
    matches come from the GIN index on that expression (goodpractice migration 0005), and
    the ids from the index rows themselves; items that are not live are dropped afterwards
    by the facet index.
    """
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    entries = IndexEntry.objects.annotate(
        _vector_=F("title")._combine(F("body"), "||", False)
    ).filter(_vector_=tsquery)
    ordering = ()  # without ranking, the order does not matter: the ids become a bitset
    if by_relevance:
        rank = compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
            "title_norm"
        ) + compiler.build_tsrank(F("body"), compiler.query, config=config)
        ordering = [rank.desc(), "-id"]
    # One row, an array of ids: tens of thousands of rows would cost more in Python than in
    # PostgreSQL. The content type is an aggregate's filter, not a WHERE clause, so that it
    # cannot lead the planner to the content type's index either.
    ids = ArrayAgg(
        Cast("object_id", IntegerField()),
        filter=Q(content_type_id__in=get_descendants_content_types_pks(GoodPracticeItemPage)),
        order_by=ordering or None,
        default=[],
    )
    connection = connections[entries.db]
    outermost = not connection.in_atomic_block  # SET LOCAL lasts until the outermost commit
    with transaction.atomic(using=entries.db):
        if outermost:
            with connection.cursor() as cursor:
                # Only the GIN index is left to choose, but a common word would still make
                # the planner read the whole table rather than the index (8x slower).
                cursor.execute("SET LOCAL enable_seqscan = off")
        return entries.aggregate(ids=ids)["ids"]


def fetch_results(index, ids):
    """The live items with these ids, in this order, with what a result or a card shows, in
    one query however many items: each gets `theme_names` and `region_names` (from the facet
    `index`), and only the columns a result, a card, a feed entry or an address need are
    read."""
    items = GoodPracticeItemPage.objects.live().filter(pk__in=ids).only(*RESULT_FIELDS)
    by_id = {item.pk: item for item in items}
    for facet_key in ("theme", "region"):
        names = index.term_names_for(facet_key, by_id)
        for pk, item in by_id.items():
            setattr(item, f"{facet_key}_names", names.get(pk, []))
    return [by_id[pk] for pk in ids if pk in by_id]


class ResultList:
    """The matching items in order, as Django's Paginator wants them: a count, and slices
    that fetch only the items asked for (one query, plus the prefetches)."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.total

    def __len__(self):
        return self.search.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("ResultList only supports slices")
        start = key.start or 0
        stop = self.search.total if key.stop is None else key.stop
        return self.search.fetch(self.search.ids_in_order(start, max(0, stop - start)))


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
                pk for pk in self.text_matches.ids if pk in position and final >> position[pk] & 1
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
