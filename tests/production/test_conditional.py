"""What the running production stack tells browsers and caches: static files, documents and
pages carry their cache headers, and a conditional request for what has not changed gets a
304 with no body. Each request goes without cookies, as a first visit or a CDN's would."""

import re
from urllib.parse import urljoin

import pytest
import requests
from bs4 import BeautifulSoup

from tests.production.conftest import PRODUCTION_URL

HASHED = re.compile(r"\.[0-9a-f]{12}(\.\w+)$")


def get(url, **headers):
    return requests.get(url, headers=headers, timeout=30)


def cache_control(response):
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",") if part}


def max_age(response):
    ages = [
        int(part.split("=")[1]) for part in cache_control(response) if part.startswith("max-age=")
    ]
    assert len(ages) == 1, response.headers.get("Cache-Control")
    return ages[0]


def assert_answers_conditional_requests(url, first):
    assert first.headers.get("ETag"), url
    assert first.headers.get("Last-Modified"), url

    not_changed = get(url, **{"If-None-Match": first.headers["ETag"]})
    assert not_changed.status_code == 304, url
    assert not_changed.content == b""
    assert not_changed.headers.get("Cache-Control"), url

    not_modified = get(url, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert not_modified.status_code == 304, url
    assert not_modified.content == b""


@pytest.fixture(scope="module")
def stylesheet():
    home = BeautifulSoup(get(f"{PRODUCTION_URL}/").text, "html.parser")
    href = next(
        link["href"]
        for link in home.select("link[rel=stylesheet][href]")
        if HASHED.search(link["href"])
    )
    return urljoin(PRODUCTION_URL, href)


def test_a_hashed_static_file_is_kept_for_a_year_and_answers_304(stylesheet):
    first = get(stylesheet)

    assert first.status_code == 200
    assert first.headers["Content-Type"].startswith("text/css")
    assert cache_control(first) >= {"public", "immutable"}
    assert max_age(first) >= 365 * 24 * 3600  # WhiteNoise's is ten years
    assert_answers_conditional_requests(stylesheet, first)


def test_a_static_file_by_its_plain_name_is_kept_only_briefly_and_answers_304(stylesheet):
    plain = HASHED.sub(r"\1", stylesheet)
    first = get(plain)

    assert first.status_code == 200
    assert "immutable" not in cache_control(first)
    assert 0 < max_age(first) <= 3600
    assert_answers_conditional_requests(plain, first)


def document_url(site):
    library = BeautifulSoup(get(f"{site}/resources/").text, "html.parser")
    resource = next(
        a["href"]
        for a in library.find_all("a", href=True)
        if re.match(r"^/resources/.+/$", a["href"])
    )
    page = BeautifulSoup(get(urljoin(site, resource)).text, "html.parser")
    return urljoin(
        site, next(a["href"] for a in page.find_all("a", href=True) if "/documents/" in a["href"])
    )


def test_a_document_is_kept_for_an_hour_and_answers_304(site):
    url = document_url(site)
    first = get(url)

    assert first.status_code == 200
    assert first.headers["Content-Disposition"].startswith("attachment")
    assert cache_control(first) == {"public", "max-age=3600"}
    assert_answers_conditional_requests(url, first)


def test_a_page_may_be_kept_by_a_cdn_and_a_form_may_not(site):
    home = get(f"{site}/")
    again = get(f"{site}/", **{"If-None-Match": home.headers["ETag"]})
    form = get(f"{site}/submit/")

    assert cache_control(home) == {"public", "max-age=0", "s-maxage=300"}
    assert again.status_code == 304
    assert "csrftoken" in form.cookies
    assert "private" in cache_control(form)
    assert "s-maxage" not in form.headers.get("Cache-Control", "")
