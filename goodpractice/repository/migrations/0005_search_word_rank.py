"""Every word of Wagtail's search index with each entry's rank for it, kept by PostgreSQL.

A search for one word ranks every entry that holds it (Wagtail's `ts_rank` of the title,
times its norm, plus the body's), and for a word in most items that took 100-700 ms at
100,000 items (docs/performance.md). Here each (word, entry) pair is ranked once, when the
entry is written, and kept in `goodpractice_search_word_rank`, in an index in the order the
search lists them: a search for one word then reads its entries in order from that index
(10-20 ms for a word in 90,000 items). Searches of several words still rank from Wagtail's
table.

Triggers on Wagtail's index table keep it exact whatever writes the index (a page saved,
`update_index`, a bulk load), set by set. Ranking every entry here takes under a second for
the demo content and about 50 s at 100,000 items; writes to the index wait meanwhile, reads
do not. PostgreSQL only: SQLite's search uses its own FTS5 table.
"""

from django.db import migrations

# Wagtail's PostgreSQL backend ranks with these weights for D, C, B and A
# (modelsearch.backends.database.postgres.weights); goodpractice.repository.search.backend
# reads this table only while the backend's weights are still these.
WEIGHTS = "{0.1,0.4,0.7,1.0}"


def ranked(source):
    """The (word, entry) rows of the index entries in `source`: each word of title || body,
    ranked as Wagtail ranks a query of that one word. `source` is one of the three names
    given below, never input."""
    return f"""
SELECT word.lexeme, e.id, e.content_type_id, e.object_id, e.title @@ query.q,
       ts_rank('{WEIGHTS}'::float4[], e.title, query.q) * e.title_norm
       + ts_rank('{WEIGHTS}'::float4[], e.body, query.q)
FROM {source} AS e
CROSS JOIN LATERAL unnest(tsvector_to_array(e.title || e.body)) AS word(lexeme)
-- The word as a query of itself: quoted, its backslashes and quotes escaped.
CROSS JOIN LATERAL (
    SELECT ('''' || replace(replace(word.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery
) AS query(q)
"""  # noqa: S608


CREATE = """
CREATE TABLE goodpractice_search_word_rank (
    lexeme text NOT NULL,
    entry_id integer NOT NULL,
    content_type_id integer NOT NULL,
    object_id text NOT NULL,
    in_title boolean NOT NULL,
    rank double precision NOT NULL
);
INSERT INTO goodpractice_search_word_rank {ranked_all};
CREATE INDEX goodpractice_search_word_rank_order ON goodpractice_search_word_rank
    (lexeme, in_title DESC, rank DESC, entry_id DESC) INCLUDE (content_type_id, object_id);
CREATE INDEX goodpractice_search_word_rank_entry ON goodpractice_search_word_rank (entry_id);

CREATE FUNCTION goodpractice_search_word_rank_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE goodpractice_search_word_rank;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM goodpractice_search_word_rank
        WHERE entry_id = ANY(ARRAY(SELECT id FROM old_entries));
    ELSIF TG_OP = 'UPDATE' THEN
        -- Every entry written again is ranked again (Wagtail writes an entry when its words
        -- or its title's norm change). Transition tables have no statistics: their ids are
        -- looked up as an array, which the planner answers from the entry_id index, and no
        -- join is asked for, which it could plan as a nested loop over both.
        DELETE FROM goodpractice_search_word_rank
        WHERE entry_id = ANY(ARRAY(SELECT id FROM old_entries));
        INSERT INTO goodpractice_search_word_rank {ranked_new};
    ELSE
        INSERT INTO goodpractice_search_word_rank {ranked_new};
    END IF;
    RETURN NULL;
END
$$;

-- Ranks every entry afresh: for a bulk load written with these triggers disabled
-- (bench/bulk_load.py), or to check the table (tests/repository/test_search.py).
CREATE FUNCTION goodpractice_search_word_rank_rebuild() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE goodpractice_search_word_rank;
    INSERT INTO goodpractice_search_word_rank {ranked_all};
$$;

CREATE TRIGGER goodpractice_search_word_rank_insert AFTER INSERT ON wagtailsearch_indexentry
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_rank_sync();
CREATE TRIGGER goodpractice_search_word_rank_update AFTER UPDATE ON wagtailsearch_indexentry
    REFERENCING OLD TABLE AS old_entries NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_rank_sync();
CREATE TRIGGER goodpractice_search_word_rank_delete AFTER DELETE ON wagtailsearch_indexentry
    REFERENCING OLD TABLE AS old_entries
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_rank_sync();
CREATE TRIGGER goodpractice_search_word_rank_truncate AFTER TRUNCATE ON wagtailsearch_indexentry
    FOR EACH STATEMENT EXECUTE FUNCTION goodpractice_search_word_rank_sync();

ANALYZE goodpractice_search_word_rank;
"""

DROP = """
DROP TRIGGER IF EXISTS goodpractice_search_word_rank_insert ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS goodpractice_search_word_rank_update ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS goodpractice_search_word_rank_delete ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS goodpractice_search_word_rank_truncate ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS goodpractice_search_word_rank_sync();
DROP FUNCTION IF EXISTS goodpractice_search_word_rank_rebuild();
DROP TABLE IF EXISTS goodpractice_search_word_rank;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            CREATE.format(
                ranked_new=ranked("new_entries"),
                ranked_all=ranked("wagtailsearch_indexentry"),
            )
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("repository", "0004_item_learning_for_others"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
