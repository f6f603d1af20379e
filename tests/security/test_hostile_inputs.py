"""Hostile input at every public address and form of the demo site: never a server error.

The addresses come from the site itself (the sitemap, then each routable page's own routes),
and each gets the values that have broken sites like this one: NUL and other control
characters, invalid UTF-8, huge and negative numbers, years 1 and 9999, 100,000 characters,
a parameter repeated 500 times, wrong types and PHP-style arrays, in the query string, in a
POST body and in the path, and the HEAD and OPTIONS methods. A 4xx is a fine answer; a 5xx,
or an error logged, is a failure.

To stay fast, every value goes to one page of each kind (the first item, faith page, theme,
...) and to every route; every other page of the sitemap gets one request with the worst.
"""

import io
import logging
import re
from urllib.parse import quote, urlparse

from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import pytest

from calendars.forms import ClashCheckForm
from goodpractice.submissions.forms import SubmissionForm

# Query-string names the site reads, and the common ones a scanner tries.
PARAMETERS = [
    *("q", "page", "sort", "theme", "region", "audience", "characteristic", "tag", "topic"),
    *("status", "faith", "impact", "period", "year", "type", "format", "search", "fields"),
    *("order", "limit", "offset", "child_of", "descendant_of", "next", "id", "language"),
]
# (name, a value already percent-encoded for a query string).
QUERY_VALUES = {
    "nul_and_control": "a%00%01%1b%7f",
    "invalid_utf8": "%ff%fe%c3",
    "huge_number": str(10**30),
    "negative": "-1",
    "float": "1e9",
    "year_1": "1",
    "year_9999": "9999",
    "markup_and_quotes": quote("<script>'\"(*)[]{}:;-- "),
}
WORST = "a%00%ff%fe" + quote("'\"(")
POST_VALUES = ["a\x00\x01", str(10**30), "-1", "1e9", "0001-01-01", "9999-12-31", "x" * 100_000]
FORM_ENCODED = "application/x-www-form-urlencoded"
BAD_SEGMENTS = ["%00", "%ff%fe", "x" * 2000, str(10**30), "..%2f..%2fetc%2fpasswd"]


@pytest.fixture(scope="module")
def addresses(django_db_setup, django_db_blocker):
    """The demo site, loaded once for this module and rolled back after it: (pages of each
    kind and every route, every other address)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        every = sitemap_paths() | set(routes()) | {"/", "/robots.txt", "/api/v2/items/"}
        kinds = {}
        for page in Page.objects.live().specific().order_by("path"):
            if page.url:
                kinds.setdefault(type(page), page.url)
        for path in sorted(every):  # one of each repository filter page (themes/x/, regions/x/)
            kinds.setdefault(re.sub(r"[^/]+/$", "", path), path)
        representative = sorted(set(kinds.values()) | set(routes()) | {"/api/v2/items/"})
        yield representative, sorted(every - set(representative))
        transaction.set_rollback(True)


def sitemap_paths():
    client = Client()
    paths = {"/sitemap.xml"}
    for section in re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").text):
        section_path = urlparse(section).path
        paths.add(section_path)
        locations = re.findall(r"<loc>([^<]+)</loc>", client.get(section_path).text)
        paths.update(urlparse(location).path for location in locations)
    return paths


def routes():
    """Each routable page's routes, with a sample for each argument."""
    for page in Page.objects.live().specific():
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = re.sub(r"<int:year>-<int:end>", "2026-27", str(pattern.pattern))
                route = re.sub(r"<int:\w+>", "2026", route)
                yield page.url + re.sub(r"<(?:slug|str):\w+>", "sample", route)


@pytest.fixture
def hostile(addresses, db, caplog):
    """A client that answers a server error as a response, and a check that records each."""
    client = Client(raise_request_exception=False)
    failures = []

    def request(method, path, **kwargs):
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            response = getattr(client, method)(path, **kwargs)
        # django.security logs a refused request (a 400, such as a body that is too big).
        errors = [
            record
            for record in caplog.records
            if record.levelno >= logging.ERROR and not record.name.startswith("django.security")
        ]
        if response.status_code >= 500 or errors:
            message = errors[0].getMessage()[:300] if errors else ""
            failures.append(f"{method.upper()} {path[:200]} -> {response.status_code} {message}")
        return response

    request.failures = failures
    return request


@pytest.mark.parametrize("value", QUERY_VALUES.values(), ids=QUERY_VALUES.keys())
def test_every_kind_of_page_with_hostile_query_values(hostile, addresses, value):
    query = "&".join(f"{name}={value}" for name in PARAMETERS)
    for path in addresses[0]:
        hostile("get", f"{path}?{query}")
    assert not hostile.failures, "\n".join(hostile.failures)


def test_every_kind_of_page_with_long_repeated_and_array_parameters(hostile, addresses):
    queries = [
        f"q={'x' * 100_000}&page={'9' * 5000}",
        "&".join(["theme=a&faith=b&impact=c&region=d&page=2"] * 500),
        "q[]=x&page[]=1&theme[]=a&faith[q]=b&fields[]=title&search[]=x",
        "page=abc&sort=&limit=-5&offset=1e9&fields=*,-id,__&order=-random",
    ]
    for path in addresses[0]:
        for query in queries:
            hostile("get", f"{path}?{query}")
    assert not hostile.failures, "\n".join(hostile.failures)


def test_every_other_address_with_the_worst_values(hostile, addresses):
    query = "&".join(f"{name}={WORST}" for name in PARAMETERS)
    for path in addresses[1]:
        hostile("get", f"{path}?{query}")
    assert not hostile.failures, "\n".join(hostile.failures)


def test_every_kind_of_page_with_hostile_path_segments_and_methods(hostile, addresses):
    for path in addresses[0]:
        hostile("head", path)
        hostile("options", path)
        for segment in BAD_SEGMENTS:
            hostile("get", f"{path}{segment}/")
    for path in ["/multi-faith-calendar/", "/good-practice/", "/resources/", "/submit/"]:
        for segment in BAD_SEGMENTS:
            hostile("get", f"{path}{segment}")
    for year in ["0", "1", "9999", str(10**30), "-1", "2026-28", "9999-00", "2026-27x"]:
        for route in ["", "list/", "planner/", "ics/", "csv/"]:
            hostile("get", f"/multi-faith-calendar/{year}/{route}")
            hostile("get", f"/multi-faith-calendar/rotation/{year}/{route}")
    assert not hostile.failures, "\n".join(hostile.failures)


@override_settings(CLASH_CHECK_RATE_LIMIT=10_000, SUBMISSION_RATE_LIMIT=10_000)
def test_every_form_and_page_with_hostile_post_bodies(hostile, addresses):
    fields = {
        *PARAMETERS,
        *ClashCheckForm().fields,
        *SubmissionForm().fields,
        "action",
        "remove_attachments",
    }
    bodies = [dict.fromkeys(fields, value) for value in POST_VALUES]
    bodies.append({f"{name}[]": "x" for name in fields})
    bodies.append({name: ["a", "\x00", "9" * 40] * 100 for name in fields})
    forms = [
        "/submit/",
        "/multi-faith-calendar/clash-checker/",
        "/multi-faith-calendar/clash-checker/csv/",
    ]
    for path in forms:
        for body in bodies:
            hostile("post", path, data=body)
        hostile("post", path, data=b"q=\xff\xfe\x00", content_type=FORM_ENCODED)
        hostile("post", path, data=b"--x\r\n\xff", content_type="multipart/form-data; boundary=x")
        hostile("post", path, data="{", content_type="application/json")
    for path in addresses[0]:
        hostile("post", path, data=bodies[0])
    assert not hostile.failures, "\n".join(hostile.failures)
