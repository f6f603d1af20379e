"""Time the repository's discovery pages in-process and count their SQL queries.

    DATABASE_URL=postgres://…/gp_bench_100000 python -m bench.measure --runs 30

Each case is requested a few times to warm up, then `--runs` times through Django's test
client; the time is the server's (the whole response rendered, streamed ones read to the
end), without network or browser. Prints one JSON object per case on standard output.
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

# One different word per request, so no answer is remembered (goodpractice.search keeps the
# last few): what a first search costs.
FRESH_WORDS = [
    "coaching",
    "civility",
    "allyship",
    "feedback",
    "wellbeing",
    "shadowing",
    "language",
    "recruitment",
    "exam",
    "adjustments",
    "cultural",
    "career",
    "leadership",
    "return",
    "flexible",
    "reverse",
    "bystander",
    "faculty",
    "foundation",
    "disabled",
    "network",
    "toolkit",
    "forum",
    "buddy",
    "course",
    "workshop",
    "supervisors",
    "graduates",
    "time",
    "black",
    "trainees",
    "pilot",
]


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def cases():
    # Models can be imported only once main() has set Django up.
    from goodpractice.classification.models import Region, Theme
    from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage

    repository = GoodPracticeIndexPage.objects.get()
    item = GoodPracticeItemPage.objects.live().order_by("-pk").first()
    base = repository.url
    theme = Theme.objects.order_by("sort_order", "name").first().slug
    region = Region.objects.get(slug="wessex").slug
    return [
        ("Repository, unfiltered", base, 1),
        ("One facet", f"{base}?theme={theme}", 1),
        ("Three facets", f"{base}?theme={theme}&region={region}&status=embedded", 1),
        ("Text search", f"{base}?q=mentoring", 1),
        ("Text search, new each time", f"{base}?q={{word}}", 1),
        ("Text search + 2 facets", f"{base}?q=induction&theme={theme}&region={region}", 1),
        ("Atom feed, one facet", f"{base}feed/?theme={theme}", 1),
        ("Home page", "/", 1),
        ("Themes, with counts", f"{base}themes/", 1),
        ("Coverage grid", f"{base}coverage/", 1),
        ("An item, with related items", item.url, 1),
        (
            "CSV export, three facets",
            f"{base}download/csv/?theme={theme}&region={region}&status=embedded",
            1,
        ),
        ("CSV export, every item", f"{base}download/csv/", 0),
    ]


def measure(url, runs, warmup=2):
    client = Client()
    timings, query_counts = [], []
    for attempt in range(warmup + runs):
        address = url.format(word=FRESH_WORDS[attempt % len(FRESH_WORDS)])
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(address)
            if response.streaming:
                size = sum(len(chunk) for chunk in response.streaming_content)
            else:
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
    parser.add_argument("--export-runs", type=int, default=3, help="runs for a full export")
    parser.add_argument(
        "--case", action="append", default=[], help="only the cases whose name contains this"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.test")
    django.setup()
    # Models can be imported only now that Django is set up.
    from goodpractice.repository.models import GoodPracticeItemPage

    items = GoodPracticeItemPage.objects.live().count()
    for name, url, full in cases():
        if args.case and not any(part.lower() in name.lower() for part in args.case):
            continue
        runs = args.runs if full else args.export_runs
        result = measure(url, runs, warmup=2 if full else 1)
        print(json.dumps({"items": items, "case": name, "url": url, **result}), flush=True)
        print(
            f"  {items:>7} {name:<28} p50 {result['p50_ms']:>8} ms  p95 {result['p95_ms']:>8} ms  "
            f"{result['queries']:>3} queries",
            file=sys.stderr,
            flush=True,
        )


if __name__ == "__main__":
    main()
