"""Every word of Wagtail's search index with the set of objects holding it, as bitsets.

A search lists its items best first (the word-rank table, migration 0005, reads them in
order) but counts each facet option over every match, and for a word in 90,000 of 100,000
items reading its 90,000 rows took 25-35 ms in PostgreSQL and 10-20 ms more to bring them to
Python (docs/performance.md). Here the same set is kept as bitsets: bit n of a word's chunk
c says whether the object whose primary key is c * 1024 + n holds the word. A search reads
a hundred chunks (about 13 kB) instead, and only the first of its ranked rows.

Triggers on the word-rank table keep the bitsets exact whatever writes it (its own triggers
on Wagtail's index, or its rebuild), set by set: rows added set their bits, rows removed
clear theirs, and a chunk left empty is dropped. Objects whose primary key is not a whole
number (none of this project's models) are left out; the search reads bitsets only for its
items. PostgreSQL only, like the word-rank table.
"""

from django.db import migrations

CHUNK_BITS = 1024  # goodpractice.repository.search.backend reads chunks of this size

# The (word, content type, chunk, bits) rows for the word-rank rows in `source`, one per
# chunk holding any of them.
BITS = f"""
SELECT lexeme, content_type_id, object_id::integer / {CHUNK_BITS},
       bit_or(B'1'::bit({CHUNK_BITS}) >> mod(object_id::integer, {CHUNK_BITS}))
FROM {{source}}
WHERE object_id ~ '^[0-9]{{{{1,9}}}}$'
GROUP BY 1, 2, 3
"""

# The chunks those rows fall in.
KEYS = f"""
SELECT DISTINCT lexeme, content_type_id, object_id::integer / {CHUNK_BITS}
FROM {{source}}
WHERE object_id ~ '^[0-9]{{{{1,9}}}}$'
"""

CREATE = f"""
CREATE TABLE goodpractice_search_word_items (
    lexeme text NOT NULL,
    content_type_id integer NOT NULL,
    chunk integer NOT NULL,
    bits bit({CHUNK_BITS}) NOT NULL,
    PRIMARY KEY (lexeme, content_type_id, chunk)
);
INSERT INTO goodpractice_search_word_items {BITS.format(source="goodpractice_search_word_rank")};

CREATE FUNCTION goodpractice_search_word_items_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE goodpractice_search_word_items;
    ELSIF TG_OP = 'DELETE' THEN
        -- The word-rank table has one row per (word, entry) and Wagtail one entry per
        -- object: a row removed is the object's only one for that word.
        UPDATE goodpractice_search_word_items AS kept SET bits = kept.bits & ~gone.bits
        FROM ({BITS.format(source="old_rows")}) AS gone (lexeme, content_type_id, chunk, bits)
        WHERE (kept.lexeme, kept.content_type_id, kept.chunk)
            = (gone.lexeme, gone.content_type_id, gone.chunk);
        DELETE FROM goodpractice_search_word_items AS kept
        USING ({KEYS.format(source="old_rows")}) AS gone (lexeme, content_type_id, chunk)
        WHERE (kept.lexeme, kept.content_type_id, kept.chunk)
            = (gone.lexeme, gone.content_type_id, gone.chunk)
            AND bit_count(kept.bits) = 0;
    ELSE
        INSERT INTO goodpractice_search_word_items AS kept
            {BITS.format(source="new_rows")}
        ON CONFLICT (lexeme, content_type_id, chunk)
            DO UPDATE SET bits = kept.bits | excluded.bits;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER goodpractice_search_word_items_insert AFTER INSERT
    ON goodpractice_search_word_rank REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_items_sync();
CREATE TRIGGER goodpractice_search_word_items_delete AFTER DELETE
    ON goodpractice_search_word_rank REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_items_sync();
CREATE TRIGGER goodpractice_search_word_items_truncate AFTER TRUNCATE
    ON goodpractice_search_word_rank
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_items_sync();

ANALYZE goodpractice_search_word_items;
"""

DROP = """
DROP TRIGGER IF EXISTS goodpractice_search_word_items_insert ON goodpractice_search_word_rank;
DROP TRIGGER IF EXISTS goodpractice_search_word_items_delete ON goodpractice_search_word_rank;
DROP TRIGGER IF EXISTS goodpractice_search_word_items_truncate ON goodpractice_search_word_rank;
DROP FUNCTION IF EXISTS goodpractice_search_word_items_sync();
DROP TABLE IF EXISTS goodpractice_search_word_items;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("repository", "0005_search_word_rank")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
