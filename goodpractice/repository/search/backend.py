"""Which items match a text query, from Wagtail's search backend.

This is the one module that reaches into Wagtail's search internals (the PostgreSQL query
compiler and its index table), to read matches and their rank straight from the index; on
SQLite it hands over to sqlite_fts, which stems the query and weights the title. On both,
entries whose title matches come first.
"""

import hashlib
import threading
import zlib
from array import array
from collections import OrderedDict
from functools import partial

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, IntegerField, Q
from django.db.models.functions import Cast

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_descendants_content_types_pks

from goodpractice.repository import facet_index
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.repository.search import sqlite_fts


class TextMatches:
    """The items matching one text query: their ids, best first when ranked, and the same
    set as a bitset of the facet index, made once per listing order and then reused.

    Either every id is known (`first` is all of them), or, for a search of one word on
    PostgreSQL, only the best RANKED_FIRST, with the whole set as `flags`: `flags[pk]` is
    ord("1") for a match, b"0" otherwise or past its end. The rest of the ranking is then read
    by `rest` only if a page is asked for beyond the first matches."""

    def __init__(self, ids, flags=None, rest=None):
        self.first = ids
        self.flags = flags
        self._rest = rest
        self._masks = {}

    @property
    def empty(self):
        return not self.first

    @property
    def complete(self):
        """Whether every match's id has been read."""
        return self._rest is None

    @property
    def ids(self):
        """Every match, best first (the rest of the ranking read now if not yet read)."""
        if self._rest is not None:
            self.first, self._rest = self._rest(), None
        return self.first

    def ranked(self):
        """The matches, best first, reading the rest of the ranking only if it is reached."""
        first = self.first
        yield from first
        yield from self.ids[len(first) :]

    def mask(self, index, order):
        if order not in self._masks:
            if self.flags is not None:
                self._masks[order] = index.mask_for_flags(self.flags, order)
            else:
                self._masks[order] = index.mask_for_ids(self.ids, order)
        return self._masks[order]


_recent_matches = OrderedDict()
_recent_matches_lock = threading.Lock()
RECENT_MATCHES_KEPT = 32
RANKED_FIRST = 1000  # a search of one word reads this many of its best matches at first


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
    shared_key = f"goodpractice:matches:v2:{index.version}:{int(by_relevance)}:{digest}"
    stored = cache.get(shared_key)
    if stored is not None:
        packed_ids, packed_flags, complete = stored
        ids = array("i")
        ids.frombytes(packed_ids)
        flags = zlib.decompress(packed_flags) if packed_flags is not None else None
        rest = None if complete else partial(_search_backend_ids, words, by_relevance)
        matches = TextMatches(ids.tolist(), flags, rest)
    else:
        matches = _search_backend_matches(words, by_relevance)
        packed_flags = zlib.compress(matches.flags, 1) if matches.flags is not None else None
        stored = (array("i", matches.first).tobytes(), packed_flags, matches.complete)
        cache.set(shared_key, stored, facet_index.max_age())
    with _recent_matches_lock:
        _recent_matches[key] = matches
        while len(_recent_matches) > RECENT_MATCHES_KEPT:
            _recent_matches.popitem(last=False)
    return matches


def _compiler(words, model, by_relevance):
    """Wagtail's results and compiled query for `words` (results None if nothing can match)."""
    results = get_search_backend().search(
        words, model.objects.order_by(), order_by_relevance=by_relevance
    )
    if not hasattr(results, "get_queryset"):  # EmptySearchResults: nothing to match
        return None, None
    return results, getattr(results, "query_compiler", None)


def _search_backend_matches(words, by_relevance):
    """TextMatches for `words`: for one word on PostgreSQL, its best matches and its set as
    kept in advance (repository migrations 0005 and 0006); otherwise every match."""
    results, compiler = _compiler(words, GoodPracticeItemPage, by_relevance)
    if results is None:
        return TextMatches([])
    if _reads_index_table(compiler):
        tsquery = compiler.build_tsquery(
            compiler.query, config=compiler.get_config(results.backend)
        )
        item_types = get_descendants_content_types_pks(GoodPracticeItemPage)
        kept = _kept_ranking(tsquery, compiler, item_types, RANKED_FIRST, with_sets=True)
        if kept is None:  # not one word: ranked in full, the kept ranking not asked again
            ids = _postgres_index_ids(results.backend, compiler, by_relevance, read_kept=False)
            return TextMatches(ids)
        first, flags = kept
        more = len(first) == RANKED_FIRST  # perhaps more than were read
        rest = partial(_search_backend_ids, words, by_relevance) if more else None
        return TextMatches(first, flags, rest)
    return TextMatches(_matching_ids(words, by_relevance, results, compiler))


def _search_backend_ids(words, by_relevance):
    """Every item matching `words`, best first if `by_relevance`."""
    results, compiler = _compiler(words, GoodPracticeItemPage, by_relevance)
    if results is None:
        return []
    return _matching_ids(words, by_relevance, results, compiler)


def _reads_index_table(compiler):
    """Whether the matches can be read from Wagtail's PostgreSQL index table directly."""
    return isinstance(compiler, PostgresSearchQueryCompiler) and compiler.fields is None


def _matching_ids(words, by_relevance, results, compiler):
    if _reads_index_table(compiler):
        return _postgres_index_ids(results.backend, compiler, by_relevance)
    if sqlite_fts.compiles(compiler):
        item_types = get_descendants_content_types_pks(GoodPracticeItemPage)
        return [pk for _, pk in sqlite_fts.matches(words, item_types, by_relevance=by_relevance)]
    return list(results.get_queryset().values_list("pk", flat=True))


def index_matches(words, models, limit):
    """(content type id, object id) of the first `limit` index entries of any of `models`
    that match `words`, best first, as the repository's search ranks them (title matches
    first). For the site-wide search; liveness and privacy are the caller's to check."""
    content_types = sorted(
        {pk for model in models for pk in get_descendants_content_types_pks(model)}
    )
    results, compiler = _compiler(words, models[0], True)
    if results is None:
        return []
    if sqlite_fts.compiles(compiler):
        return sqlite_fts.matches(words, content_types, by_relevance=True, limit=limit)
    if isinstance(compiler, PostgresSearchQueryCompiler):
        backend = results.backend
        config = compiler.get_config(backend)
        tsquery = compiler.build_tsquery(compiler.query, config=config)
        kept = _kept_ranking(tsquery, compiler, content_types, limit, with_types=True)
        if kept is not None:
            return [(content_type, object_id) for content_type, object_id in kept]
        entries = (
            IndexEntry.objects.annotate(_vector_=F("title")._combine(F("body"), "||", False))
            .filter(_vector_=tsquery, content_type_id__in=content_types)
            .order_by(*_postgres_ranking(compiler, config, tsquery))
        )
        return [
            (content_type, int(object_id))
            for content_type, object_id in entries.values_list("content_type_id", "object_id")[
                :limit
            ]
        ]
    return []  # the fallback backend: no index to read


def _postgres_ranking(compiler, config, tsquery):
    """Title matches first, then Wagtail's own rank (title times its norm, plus body)."""
    in_title = ExpressionWrapper(Q(title=tsquery), output_field=BooleanField())
    rank = compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
        "title_norm"
    ) + compiler.build_tsrank(F("body"), compiler.query, config=config)
    return [in_title.desc(), rank.desc(), "-id"]


def _postgres_index_ids(backend, compiler, by_relevance, read_kept=True):
    """Wagtail's own PostgreSQL search (its tsquery, its rank: title by its norm plus body,
    after the items whose title matches), read straight from its index table.

    Wagtail's queryset joins the index to the items and their pages, and PostgreSQL, which
    does not know that computing `title || body` for a row is costly, then reads every item's
    index row for a common word: 50-600 ms at 100,000 items before any ranking. Here the
    matches come from the GIN index on that expression (repository migration 0002), and
    the ids from the index rows themselves; items that are not live are dropped afterwards
    by the facet index. With `read_kept`, a search for one word reads its kept ranking.
    """
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    item_types = get_descendants_content_types_pks(GoodPracticeItemPage)
    kept = _kept_ranking(tsquery, compiler, item_types) if read_kept else None
    if kept is not None:
        return kept
    entries = IndexEntry.objects.annotate(
        _vector_=F("title")._combine(F("body"), "||", False)
    ).filter(_vector_=tsquery)
    ordering = ()  # without ranking, the order does not matter: the ids become a bitset
    if by_relevance:
        ordering = _postgres_ranking(compiler, config, tsquery)
    # One row, an array of ids: tens of thousands of rows would cost more in Python than in
    # PostgreSQL. The content type is an aggregate's filter, not a WHERE clause, so that it
    # cannot lead the planner to the content type's index either.
    ids = ArrayAgg(
        Cast("object_id", IntegerField()),
        filter=Q(content_type_id__in=item_types),
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


# Each word of the index with each entry's rank for it, kept by PostgreSQL (repository
# migration 0005), for the weights it was ranked with; and with the set of objects holding
# it, as bitsets of WORD_SET_CHUNK_BITS primary keys each (migration 0006).
WORD_RANK_TABLE = "goodpractice_search_word_rank"
WORD_RANK_WEIGHTS = "{0.1,0.4,0.7,1.0}"
WORD_SET_TABLE = "goodpractice_search_word_items"
WORD_SET_CHUNK_BITS = 1024

# One round trip: Wagtail's tsquery `q`; if it asks for no word (only stop words), nothing;
# if for one plain word, that word's entries of some content types as _postgres_ranking
# orders them (title matches first, then Wagtail's rank, then the newest entry), read in
# that order from the word-rank table's index, so nothing is ranked at search time; else
# NULL (several words, a phrase, a word with a weight or a prefix), and the caller ranks in
# full. The word is read back from the text of `q` ('word', its quotes doubled and its
# backslashes escaped) and used only if, quoted again as the migration quotes each word, it
# is `q` itself. `{sets}` is nothing, or a second column: the word's bitsets ("chunk bits").
_KEPT_RANKING = r"""
SELECT CASE
    WHEN numnode(query.q) = 0 THEN '{{}}'
    WHEN numnode(query.q) = 1 AND requoted.q = query.q THEN ARRAY(
        SELECT {columns} FROM {table} AS kept
        WHERE kept.lexeme = word.lexeme AND kept.content_type_id = ANY(%s)
        ORDER BY kept.in_title DESC, kept.rank DESC, kept.entry_id DESC
        LIMIT %s
    )
END {sets}
FROM (SELECT {tsquery} AS q) AS query
CROSS JOIN LATERAL (
    SELECT replace(replace(substr(q::text, 2, length(q::text) - 2), '''''', ''''), '\\', '\')
) AS word(lexeme)
CROSS JOIN LATERAL (
    SELECT ('''' || replace(replace(word.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
) AS requoted(q)
"""


_KEPT_SETS = """, CASE
    WHEN numnode(query.q) <> 1 THEN '{{}}'
    WHEN requoted.q = query.q THEN ARRAY(
        SELECT chunk || ' ' || bit_or(bits)::text FROM {table}
        WHERE lexeme = word.lexeme AND content_type_id = ANY(%s)
        GROUP BY chunk ORDER BY chunk
    )
END"""


def _kept_ranking(tsquery, compiler, content_types, limit=None, with_types=False, with_sets=False):
    """The object ids (with `with_types`, [content type id, object id] pairs), best first,
    of the index entries of `content_types` matching `tsquery` (at most `limit`), when it
    asks for one word or none; None when it asks for more, or when the backend ranks with
    other weights than the word-rank table was ranked with.

    With `with_sets`, (those ids, flags) instead, where `flags[pk]` is ord("1") for every
    matching object, not only the first `limit` (see TextMatches)."""
    if compiler.sql_weights != WORD_RANK_WEIGHTS:
        return None
    query = IndexEntry.objects.all().query
    connection = connections[IndexEntry.objects.db]
    tsquery_sql, params = query.get_compiler(connection=connection).compile(
        tsquery.resolve_expression(query)
    )
    columns = "ARRAY[content_type_id, object_id::integer]" if with_types else "object_id::integer"
    sets = _KEPT_SETS.format(table=WORD_SET_TABLE) if with_sets else ""
    # Only Django's compiled expression and fixed names are formatted in; the words are in
    # `params`.
    sql = _KEPT_RANKING.format(
        columns=columns, table=WORD_RANK_TABLE, tsquery=tsquery_sql, sets=sets
    )
    types = list(content_types)
    in_order = [types, limit, *([types] if with_sets else []), *params]  # as written
    with connection.cursor() as cursor:
        cursor.execute(sql, in_order)
        row = cursor.fetchone()
    if not with_sets or row[0] is None:
        return row[0]
    return row[0], _flags(row[1])


def _flags(chunks):
    """A word's bitsets, as "chunk bits" texts, made one run of flags by primary key."""
    size = WORD_SET_CHUNK_BITS
    last = int(chunks[-1].partition(" ")[0]) if chunks else -1
    flags = bytearray(b"0" * (size * (last + 1)))
    for text in chunks:
        chunk, _, bits = text.partition(" ")
        start = int(chunk) * size
        flags[start : start + size] = bits.encode()
    return flags


# "Did you mean": words of the index near a word that matched nothing (see suggestions.py).
NEAR_WORDS_ENTRIES = 50  # PostgreSQL: the entries whose text is read for words
NEAR_WORDS_TEXT = 10_000  # ... the characters of each entry read
NEAR_WORDS_CANDIDATES = 2_000  # SQLite: the index words compared


def _vendor():
    return connections[IndexEntry.objects.db].vendor


def is_known_word(term):
    """Whether any entry of the index holds a word with the English stem of `term`."""
    if _vendor() == "sqlite":
        return bool(sqlite_fts.stem_matches(term))
    if _vendor() == "postgresql":
        # The index's words are the word-rank table's: one look-up in its index. Matching
        # Wagtail's table instead read all of it for a word it does not hold (the planner
        # expects to stop early): 0.5-1 s at 100,000 items for a misspelt word.
        with connections[IndexEntry.objects.db].cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {WORD_RANK_TABLE} "  # noqa: S608 - a fixed name
                "WHERE lexeme = ANY(tsvector_to_array(to_tsvector('english', %s))) LIMIT 1",
                [term],
            )
            return cursor.fetchone() is not None
    return True  # the fallback backend has no word list: never suggest


def near_words(term, shortest, longest):
    """Words of the index that start with the first letters of `term` and are between
    `shortest` and `longest` letters long, each with a count of entries holding it (the
    commonest first), bounded: at most NEAR_WORDS_CANDIDATES words on SQLite (from FTS5's
    vocabulary), and on PostgreSQL the words of at most NEAR_WORDS_ENTRIES entries whose
    words start so (found by the GIN index) most like `term` by trigram similarity."""
    vendor = _vendor()
    if vendor == "sqlite":
        return sqlite_fts.vocabulary_near(term[:2], shortest, longest, NEAR_WORDS_CANDIDATES)
    if vendor != "postgresql":
        return []
    with connections[IndexEntry.objects.db].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT word, count(*) AS entries FROM (
                SELECT DISTINCT entry.id, word
                FROM (
                    SELECT id, left(title_text, %s) || ' ' || left(body_text, %s) AS text
                    FROM {IndexEntry._meta.db_table}
                    WHERE (title || body) @@ to_tsquery('simple', %s)
                    LIMIT %s
                ) AS entry,
                regexp_split_to_table(lower(entry.text), '[^[:alnum:]]+') AS word
            ) AS words
            WHERE word LIKE %s AND length(word) BETWEEN %s AND %s AND word %% %s
            GROUP BY word
            ORDER BY similarity(word, %s) DESC, entries DESC, word
            LIMIT 20
            """,  # noqa: S608 - only the table's name is formatted in
            [
                NEAR_WORDS_TEXT,
                NEAR_WORDS_TEXT,
                f"{term[:3]}:*",
                NEAR_WORDS_ENTRIES,
                f"{term[:2]}%",
                shortest,
                longest,
                term,
                term,
            ],
        )
        return cursor.fetchall()
