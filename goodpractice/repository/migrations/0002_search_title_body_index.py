"""A GIN index on the search index's `title || body`, the expression that Wagtail's
PostgreSQL backend matches queries against. Without it every search reads the whole index
table (about 800 ms at 100,000 items); with it, only the matching rows (docs/performance.md).
PostgreSQL only: SQLite's search uses its own FTS5 table."""

from django.db import migrations

INDEX_NAME = "goodpractice_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("repository", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
