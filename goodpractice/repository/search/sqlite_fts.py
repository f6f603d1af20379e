"""Search on SQLite as on PostgreSQL: English stemming and title matches first.

Wagtail's SQLite backend (FTS5 with its default unicode61 tokenizer) matches whole words
only, so "inducting" does not find "induction", and it ranks with one BM25 over every column,
so a word in a title counts no more than one in the body. FTS5 can stem only with its own
Porter tokenizer (not PostgreSQL's Snowball English), and Python's sqlite3 cannot add a
tokenizer. So the query is stemmed instead: each query word becomes every word of the index
(read from FTS5's own vocabulary, `fts5vocab`, so always current) that has the same Snowball
English stem, e.g. "inducting" becomes ("induct" OR "inducted" OR "induction" OR
"inductions"). Stop words are dropped as PostgreSQL drops them. Ranking puts items whose
title matches every word first, then BM25 with the title weighted 10 and the body 1.

All of it is one SQL statement; it only reads Wagtail's index tables.
"""

from django.db import connections

from wagtail.search.models import IndexEntry

from goodpractice.repository.search.text import index_terms, stem

# Wagtail's FTS5 table (its model exists only on SQLite, so it is named here).
FTS_TABLE = f"{IndexEntry._meta.db_table}_fts"
VOCABULARY = "goodpractice_search_vocabulary"
STEM_FUNCTION = "goodpractice_english_stem"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def prepare(connection):
    """The stemming function and FTS5's vocabulary table on this connection: a temporary
    table (nothing in the schema), made again if a rolled-back transaction dropped it. Run
    on the driver's connection: it is per-connection set-up, like a PRAGMA, not a query."""
    connection.ensure_connection()
    raw = connection.connection
    raw.create_function(STEM_FUNCTION, 1, stem, deterministic=True)
    raw.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCABULARY} "
        f"USING fts5vocab(main, '{FTS_TABLE}', 'row')"
    )


def compiles(compiler):
    """Whether `compiler` is Wagtail's SQLite FTS5 one (whose FTS_TABLE_FIELDS no other
    backend's has), so that this module answers for it."""
    return hasattr(compiler, "FTS_TABLE_FIELDS") and (
        connections[IndexEntry.objects.db].vendor == "sqlite"
    )


def stem_range(word):
    """The stem of `word` and the range of index words that can share it.

    A Snowball stem is the word's start but for its last letter ("happi" from "happy",
    "disabl" from "disabilities", "time" from "timing"), so every word with that stem sorts
    between the stem less its last letter and the next prefix.
    """
    stemmed = stem(word)
    prefix = stemmed[:-1] if len(stemmed) > 3 or stemmed[-1] in "ie" else stemmed
    prefix = prefix or stemmed
    return stemmed, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def matches(words, content_type_ids, *, by_relevance, limit=None):
    """(content type id, object id) of the index entries matching every word of `words`
    (stemmed), best first if `by_relevance`."""
    terms = index_terms(words)
    if not terms or not content_type_ids:
        return []
    fts, entries = FTS_TABLE, IndexEntry._meta.db_table
    wanted = ", ".join("(%s, %s, %s, %s)" for _ in terms)
    types = ", ".join("%s" for _ in content_type_ids)
    ordering = ""
    if by_relevance:
        ordering = (
            f"ORDER BY {fts}.rowid IN in_title DESC, "
            f"bm25({fts}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}), entry.id DESC"
        )
    sql = f"""
        WITH wanted(position, stem, low, high) AS (VALUES {wanted}),
        alternatives(position, expression) AS (
            SELECT wanted.position, '(' || group_concat('"' || word.term || '"', ' OR ') || ')'
            FROM wanted CROSS JOIN temp.{VOCABULARY} AS word
                ON word.term >= wanted.low AND word.term < wanted.high
            WHERE {STEM_FUNCTION}(word.term) = wanted.stem
            GROUP BY wanted.position
        ),
        expression(text) AS (
            SELECT group_concat(expression, ' AND ') FROM alternatives HAVING count(*) = %s
        ),
        in_title(id) AS (
            SELECT title.rowid FROM expression CROSS JOIN {fts} AS title
            WHERE title.{fts} MATCH '{{title}} : (' || expression.text || ')'
        )
        SELECT entry.content_type_id, entry.object_id
        FROM expression CROSS JOIN {fts} JOIN {entries} AS entry ON entry.id = {fts}.rowid
        WHERE {fts} MATCH expression.text AND entry.content_type_id IN ({types})
        {ordering}
        {"LIMIT %s" if limit is not None else ""}
    """  # noqa: S608 - only table names and placeholders are formatted in
    params = [
        value for position, term in enumerate(terms) for value in (position, *stem_range(term))
    ]
    params += [len(terms), *content_type_ids]
    if limit is not None:
        params.append(limit)
    connection = connections[IndexEntry.objects.db]
    prepare(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(content_type, int(object_id)) for content_type, object_id in cursor.fetchall()]


def vocabulary_near(prefix, shortest, longest, limit):
    """Index words starting with `prefix` between `shortest` and `longest` letters long, with
    the number of entries holding each, commonest first (for "did you mean")."""
    connection = connections[IndexEntry.objects.db]
    prepare(connection)
    high = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM temp.{VOCABULARY} WHERE term >= %s AND term < %s "  # noqa: S608
            "AND length(term) BETWEEN %s AND %s ORDER BY doc DESC LIMIT %s",
            [prefix, high, shortest, longest, limit],
        )
        return cursor.fetchall()


def stem_matches(term):
    """Index words with the English stem of `term` (at most a few)."""
    stemmed, low, high = stem_range(term)
    connection = connections[IndexEntry.objects.db]
    prepare(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM temp.{VOCABULARY} WHERE term >= %s AND term < %s "  # noqa: S608
            f"AND {STEM_FUNCTION}(term) = %s LIMIT 5",
            [low, high, stemmed],
        )
        return [row[0] for row in cursor.fetchall()]
