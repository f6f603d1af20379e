"""Every page type, form and download of the running production stack: the status, the
content type, no server error and the strict headers, with the static files they use."""

import datetime
import os
import re
import time
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests
from bs4 import BeautifulSoup

from tests.production.conftest import PRODUCTION_URL

MAX_PAGES = 400
# Addresses that are not pages to crawl: the admin (its login page is checked on its own),
# and documents and downloads (checked below, once each kind).
SKIP = re.compile(r"^/(admin/|documents/|static/|media/)|/(download/|ics/|csv/|feed/|pdf/)")
# The calendar links every year to the next: crawl the years around this one.
YEAR = re.compile(r"/(\d{4})(?:-\d{4})?/")
YEARS = range(datetime.date.today().year - 1, datetime.date.today().year + 3)
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ics": "text/calendar",
    "xml": "application/xml",
    "pdf": "application/pdf",
}


def assert_strict_headers(response, url):
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("X-Frame-Options") == "DENY", url
    assert headers.get("Referrer-Policy") in {"strict-origin-when-cross-origin", "same-origin"}, url
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", url
    assert headers.get("Cross-Origin-Resource-Policy") == "same-origin", url
    assert "camera=()" in headers.get("Permissions-Policy", ""), url
    assert "Server-Timing" not in headers
    assert_strict_content_security_policy(headers.get("Content-Security-Policy", ""), url)
    # Anonymous pages set no cookie; a page with a form to post only the CSRF one.
    cookies = set(response.cookies.keys())
    if 'method="post"' in response.text.lower():
        assert cookies <= {"csrftoken"}, (url, cookies)
    else:
        assert not cookies, (url, cookies)


def assert_strict_content_security_policy(policy, url):
    directives = {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }
    assert directives.get("default-src") in (["'none'"], ["'self'"]), (url, policy)
    for name in ("frame-ancestors", "object-src", "base-uri"):
        assert directives.get(name) == ["'none'"], (url, name, policy)
    assert directives.get("form-action") == ["'self'"], (url, policy)
    assert "'unsafe-inline'" not in policy, (url, policy)
    assert "'unsafe-eval'" not in policy, (url, policy)


def same_site_links(site, page_url, html):
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.find_all("a", href=True):
        url = urljoin(page_url, anchor["href"].split("#", 1)[0])
        if url.startswith(site):
            yield url


def crawl(browser, site):
    seen, queue, pages = set(), deque([f"{site}/"]), {}
    sitemap = browser.get(f"{site}/sitemap.xml", timeout=30)
    assert sitemap.status_code == 200
    for section in re.findall(r"<loc>([^<]+)</loc>", sitemap.text):
        for location in re.findall(r"<loc>([^<]+)</loc>", browser.get(section, timeout=30).text):
            path = urlparse(location).path
            queue.append(f"{site}{path}")
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        path = urlparse(url).path
        year = YEAR.search(path)
        if url in seen or SKIP.search(path) or url.count("&") > 1:
            continue
        if year and int(year.group(1)) not in YEARS:
            continue
        seen.add(url)
        response = browser.get(url, timeout=30)
        pages[url] = response
        if response.headers.get("Content-Type", "").startswith("text/html"):
            queue.extend(same_site_links(site, url, response.text))
    return pages


@pytest.fixture(scope="module")
def crawled():
    with requests.Session() as browser:
        return crawl(browser, PRODUCTION_URL)


def test_every_page_answers_200_as_html_with_the_strict_headers(crawled):
    assert len(crawled) > 60  # the demo site's pages, listings, filters and calendar views
    failures = [
        (url, response.status_code)
        for url, response in crawled.items()
        if response.status_code != 200
    ]
    assert failures == []
    for url, response in crawled.items():
        assert response.headers["Content-Type"] == CONTENT_TYPES["html"], url
        assert_strict_headers(response, url)


def test_every_page_type_was_reached(crawled):
    paths = {urlparse(url).path for url in crawled}
    for expected in [
        "/",
        "/edi-framework/",
        "/good-practice/",
        "/good-practice/themes/",
        "/good-practice/regions/",
        "/good-practice/coverage/",
        "/submit/",
        "/resources/",
        "/multi-faith-calendar/",
        "/multi-faith-calendar/clash-checker/",
    ]:
        assert expected in paths
    assert any(re.match(r"^/good-practice/themes/[\w-]+/$", path) for path in paths)
    assert any(re.match(r"^/good-practice/regions/[\w-]+/$", path) for path in paths)
    items = [p for p in paths if re.match(r"^/good-practice/[\w-]+/$", p)]
    assert len(items) >= 16
    assert any(re.match(r"^/multi-faith-calendar/\d{4}/$", path) for path in paths)
    assert any(re.match(r"^/multi-faith-calendar/\d{4}/planner/$", path) for path in paths)
    assert any(re.match(r"^/multi-faith-calendar/rotation/\d{4}-\d{2,4}/", p) for p in paths)
    faiths = [p for p in paths if re.match(r"^/multi-faith-calendar/[a-z-]+/$", p)]
    assert len(faiths) >= 7
    assert any(re.match(r"^/resources/[\w-]+/$", path) for path in paths)


def test_the_static_files_pages_use_are_served_compressed_and_cached_for_ever(
    crawled, browser, site
):
    assets = set()
    for response in list(crawled.values())[:20]:
        soup = BeautifulSoup(response.text, "html.parser")
        assets |= {link["href"] for link in soup.select("link[rel=stylesheet][href]")}
        assets |= {script["src"] for script in soup.select("script[src]")}
    assert any(asset.endswith(".css") for asset in assets)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        response = browser.get(urljoin(site, asset), headers={"Accept-Encoding": "gzip, br"})
        assert response.status_code == 200, asset
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", asset), f"{asset} is not hashed"
        assert "immutable" in response.headers["Cache-Control"], asset
        if "nhsuk-frontend" in asset:  # WhiteNoise leaves a file of a few bytes as it is
            assert response.headers.get("Content-Encoding") in {"gzip", "br"}, asset


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/good-practice/feed/", "atom"),
        ("/good-practice/feed/rss/?theme=training-and-development", "rss"),
        ("/good-practice/download/csv/?q=induction", "csv"),
        ("/good-practice/download/json/", "json"),
        ("/good-practice/autocomplete/?q=induc", "json"),
        ("/api/v2/items/", "json"),
        ("/multi-faith-calendar/ics/", "ics"),
        ("/multi-faith-calendar/csv/", "csv"),
        (f"/multi-faith-calendar/{datetime.date.today().year}/planner/pdf/?paper=a3", "pdf"),
        ("/sitemap.xml", "xml"),
    ],
)
def test_feeds_downloads_and_the_api(browser, site, path, kind):
    response = browser.get(f"{site}{path}", timeout=60)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(CONTENT_TYPES[kind])
    assert response.content.strip()


def test_an_item_in_the_api_and_a_document_download(browser, site):
    listing = browser.get(f"{site}/api/v2/items/").json()
    detail = browser.get(f"{site}/api/v2/items/{listing['items'][0]['id']}/")
    assert detail.status_code == 200
    assert detail.json()["themes"]

    library = BeautifulSoup(browser.get(f"{site}/resources/").text, "html.parser")
    resource = next(
        a["href"]
        for a in library.find_all("a", href=True)
        if re.match(r"^/resources/.+/$", a["href"])
    )
    page = BeautifulSoup(browser.get(urljoin(site, resource)).text, "html.parser")
    document = next(a["href"] for a in page.find_all("a", href=True) if "/documents/" in a["href"])
    response = browser.get(urljoin(site, document))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert len(response.content) > 500


def test_robots_health_and_the_admin_login(browser, site):
    assert browser.get(f"{site}/robots.txt").headers["Content-Type"].startswith("text/plain")
    assert browser.get(f"{site}/healthz").json() == {"status": "ok"}
    ready = browser.get(f"{site}/readyz").json()
    assert ready["status"] == "ok", ready
    login = browser.get(f"{site}/admin/login/")
    assert login.status_code == 200
    assert "Sign in" in login.text
    missing = browser.get(f"{site}/no-such-page/")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == CONTENT_TYPES["html"]


def form_fields(html, form_selector="main form"):
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(form_selector)
    data = {}
    for field in form.select("input[name], textarea[name]"):
        if field.get("type") in {"checkbox", "radio", "file", "submit"}:
            continue
        data[field["name"]] = field.get("value", field.text)
    return soup, data


def test_a_submission_is_sent_checked_saved_and_its_email_goes_out_through_the_worker(
    browser, site
):
    soup, data = form_fields(browser.get(f"{site}/submit/").text)
    theme = soup.select_one("input[name=themes]")["value"]
    region = soup.select_one("input[name=regions]")["value"]
    title = f"Production check {time.time_ns()}"
    data.update(
        title=title,
        summary="A submission made by the production tests.",
        problem="The problem.",
        what_was_done="What was done.",
        outcomes="The outcomes.",
        themes=theme,
        regions=region,
        contact_name="Production Test",
        contact_organisation="CI",
        contact_email="production-test@example.invalid",
        data_protection_consent="on",
    )
    headers = {"Referer": f"{site}/submit/"}
    check = browser.post(f"{site}/submit/", data={**data, "action": "check"}, headers=headers)
    assert check.status_code == 200
    assert "Check your answers" in check.text

    sent = browser.post(f"{site}/submit/", data={**data, "action": "send"}, headers=headers)
    assert sent.status_code == 200
    assert sent.url.endswith("/submit/sent/")
    reference = re.search(r"GP-\d{4}-\d{4,}", sent.text).group()

    mail_dir = Path(os.environ["PRODUCTION_MAIL_DIR"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(reference in path.read_text() for path in mail_dir.glob("*.log")):
            return
        time.sleep(0.5)
    pytest.fail(f"the worker sent no email about {reference} within a minute")


def test_the_clash_checker_answers_a_post(browser, site):
    page = browser.get(f"{site}/multi-faith-calendar/clash-checker/")
    _soup, data = form_fields(page.text)
    data["sessions"] = "2026-12-25, Teaching\n2027-03-10, Exams"
    response = browser.post(
        f"{site}/multi-faith-calendar/clash-checker/",
        data=data,
        headers={"Referer": page.url},
    )
    assert response.status_code == 200
    assert "Christmas" in response.text
