"""Time the multi-faith calendar's pages and feeds in-process and count their SQL queries.

    DATABASE_URL=postgres://…/gp_calendar python manage.py load_demo_content
    DATABASE_URL=postgres://…/gp_calendar python -m bench.calendar [--runs 30] [--cold]

The demo content is enough: the calendar's size is its observances (about fifty), not the
repository's items. Measured like bench.measure (two warm-up requests, then `--runs` timed
ones through Django's test client), with the repository's page alongside to compare on the
same machine at the same moment. `--cold` marks the calendar's cache stale before every
request (calendars.content_version), so each builds its page or file from the database, as
the first request after an editor's change does. Prints one JSON object per case on
standard output and a table on standard error.
"""

import argparse
import json
import os
import statistics
import sys
import time

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def cases():
    # Models can be imported only once main() has set Django up.
    from calendars.models import CalendarPage
    from goodpractice.repository.models import GoodPracticeIndexPage

    base = CalendarPage.objects.live().get().url
    return [
        ("Repository page (to compare)", GoodPracticeIndexPage.objects.live().get().url),
        ("Calendar, this year", base),
        ("Calendar, a year", f"{base}2027/"),
        ("Calendar, a year, filtered", f"{base}2027/?faith=islam&impact=fasting"),
        ("Calendar, a year's list", f"{base}2027/list/"),
        ("Calendar, rotation year", f"{base}rotation/2026-27/"),
        ("Subscription feed (.ics)", f"{base}ics/"),
        ("Subscription feed, one faith", f"{base}ics/?faith=islam"),
        ("Subscription feed (.csv)", f"{base}csv/"),
        ("A year's .ics", f"{base}2027/ics/"),
    ]


def measure(url, runs, before_each, warmup=2):
    from bench.measure import percentile

    client = Client()
    timings, query_counts = [], []
    for attempt in range(warmup + runs):
        before_each()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            size = len(response.content)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if attempt >= warmup:
            timings.append(elapsed)
            query_counts.append(len(queries))
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": max(query_counts),
        "bytes": size,
        "runs": runs,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="build every response afresh")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.test")
    django.setup()
    from calendars import content_version

    for name, url in cases():
        before_each = content_version.bump_version if args.cold else lambda: None
        result = measure(url, args.runs, before_each)
        print(json.dumps({"case": name, "url": url, "cold": args.cold, **result}), flush=True)
        print(
            f"  {name:<30} p50 {result['p50_ms']:>7} ms  p95 {result['p95_ms']:>7} ms  "
            f"{result['queries']:>3} queries  {result['bytes']:>7} bytes",
            file=sys.stderr,
            flush=True,
        )


if __name__ == "__main__":
    main()
