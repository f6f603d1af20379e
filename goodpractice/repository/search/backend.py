"""Which items match a text query, from Wagtail's search backend.

This is the one module that reaches into Wagtail's search internals (the PostgreSQL query
compiler and its index table), to read matches and their rank straight from the index.
"""

import hashlib
import threading
from array import array
from collections import OrderedDict

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F, IntegerField, Q
from django.db.models.functions import Cast

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_descendants_content_types_pks

from goodpractice.repository import facet_index
from goodpractice.repository.items import GoodPracticeItemPage


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
    matches come from the GIN index on that expression (repository migration 0002), and
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
