"""The production headers score A+ (100 or more) by the MDN HTTP Observatory's rules
(tests/config/observatory.py), on the pages a scan would reach first and the admin's sign-in.

The test starts its own gunicorn on the production settings as they run behind the HTTPS
proxy (no ALLOW_PLAIN_HTTP): a plain-HTTP request is redirected to https://, and one the
proxy passes on with `X-Forwarded-Proto: https` is answered with HSTS and secure cookies.
"""

import os
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup

from tests.config.observatory import Scan, score
from tests.production.conftest import Server

PAGES = ["/", "/good-practice/", "/submit/", "/multi-faith-calendar/", "/admin/login/"]
PROXIED = {"X-Forwarded-Proto": "https"}
NOT_ITEMS = ("/good-practice/themes/", "/good-practice/regions/", "/good-practice/coverage/")


@pytest.fixture(scope="module")
def https_site():
    server = Server(
        ALLOW_PLAIN_HTTP="false",
        DATABASE_URL=os.environ["PRODUCTION_DATABASE_URL"],
        REDIS_URL=os.environ["PRODUCTION_REDIS_URL"],
    )
    yield server
    server.stop()


def first_item(site):
    listing = requests.get(f"{site.url}/good-practice/", headers=PROXIED, timeout=30)
    soup = BeautifulSoup(listing.text, "html.parser")
    for link in soup.select("main a[href^='/good-practice/']"):
        path = urlsplit(link["href"]).path
        if path.count("/") == 3 and not path.startswith(NOT_ITEMS):
            return path
    raise AssertionError("no item linked from the listing")


def scan(site, path):
    https_url = f"https://{urlsplit(site.url).netloc}{path}"
    plain = requests.get(f"{site.url}{path}", allow_redirects=False, timeout=30)
    assert plain.status_code == 301, path
    response = requests.get(f"{site.url}{path}", headers=PROXIED, timeout=30)
    assert response.status_code == 200, path
    foreign = requests.get(
        f"{site.url}{path}",
        headers={**PROXIED, "Origin": "https://http-observatory.security.mozilla.org"},
        timeout=30,
    )
    return Scan(
        url=https_url,
        headers=dict(response.headers),
        set_cookies=response.raw.headers.getlist("Set-Cookie"),
        html=response.text,
        redirects=[f"http://{urlsplit(site.url).netloc}{path}", plain.headers["Location"]],
        cors_headers=dict(foreign.headers),
    )


def test_every_first_page_scores_a_plus(https_site):
    scores = {}
    for path in [*PAGES, first_item(https_site)]:
        total, found = score(scan(https_site, path))
        scores[path] = (total, {r.test: (r.result, r.modifier) for r in found})
    failing = {path: found for path, (total, found) in scores.items() if total < 100}
    assert not failing, failing
    # What the site earns: a strict CSP (+10), framing refused by it (+5), a private referrer
    # policy (+5) and CORP (+10); the form's CSRF cookie is Secure and SameSite (+5).
    assert scores["/"][0] == 130, scores["/"]
    assert scores["/submit/"][0] == 135, scores["/submit/"]


def test_the_redirect_is_to_https_on_the_same_host(https_site):
    response = requests.get(f"{https_site.url}/good-practice/", allow_redirects=False, timeout=30)

    assert response.status_code == 301
    assert (
        response.headers["Location"] == f"https://{urlsplit(https_site.url).netloc}/good-practice/"
    )


def test_hsts_asks_for_a_year_with_subdomains_and_preload(https_site):
    response = requests.get(f"{https_site.url}/", headers=PROXIED, timeout=30)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
