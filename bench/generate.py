"""Fill a PostgreSQL database with N realistic, published good-practice items, fast.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gp_bench_100000 \
        python -m bench.generate --count 100000

Saving 100,000 Wagtail pages one by one (tree locking, revisions, signals, one index update
each) takes hours, so this writes what those saves would have written, in bulk:

- the demo content first (themes, regions, audiences, the 16 seed items, the repository),
- `wagtailcore_page` rows with their treebeard paths computed directly (the repository's
  path plus a base-36 step per child), then the item table, the four many-to-many tables
  and tags, each with PostgreSQL's COPY in batches,
- the search index rows built inside PostgreSQL with the same weights and configurations
  that Wagtail's PostgreSQL backend uses (title A, summary B, body C, related names D;
  English stemming; a 'simple' autocomplete vector), then the title norms refreshed.

At the end one item is reindexed by Wagtail itself and its entry compared with the bulk one,
so the fast path cannot silently drift from what the site would index.
"""

import argparse
import io
import os
import sys
import time

import django
from django.core.management import call_command
from django.db import connection


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="items wanted in total")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.test")
    django.setup()
    # bulk_load imports the models, so only now that Django is set up.
    from bench.bulk_load import Generator

    if connection.vendor != "postgresql":
        parser.error("set DATABASE_URL to a PostgreSQL database (e.g. .../gp_bench_100000)")
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    started = time.perf_counter()
    generator = Generator(args.count)
    generator.run()
    elapsed = time.perf_counter() - started
    print(
        f"{generator.model.objects.count()} items in the database ({elapsed:.0f} s).",
        file=sys.stderr,
    )
    generator.check_index_matches_wagtail()


if __name__ == "__main__":
    main()
