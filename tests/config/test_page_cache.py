"""Anonymous pages are served whole from the cache, and a change shows at once."""

import datetime
import gzip

from django.test import Client, override_settings

import pytest

from calendars.factories import (
    CalendarPageFactory,
    FaithPageFactory,
    ObservanceFactory,
    OccurrenceFactory,
)
from goodpractice.home.factories import ContentPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory

pytestmark = pytest.mark.django_db

PRODUCTION_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "goodpractice.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]


@pytest.fixture(autouse=True)
def _production_middleware():
    with override_settings(MIDDLEWARE=PRODUCTION_MIDDLEWARE):
        yield


@pytest.fixture
def visitor():
    return Client()


def test_a_second_visit_is_served_without_the_database(
    visitor, repository, django_assert_num_queries
):
    GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring")
    first = visitor.get(repository.url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        second = visitor.get(repository.url)

    assert second.content == first.content
    assert second["X-Frame-Options"] == "DENY"
    assert "Peer mentoring" in second.content.decode()


def test_a_published_change_shows_at_once(
    visitor, home_page, repository, django_capture_on_commit_callbacks
):
    page = ContentPageFactory(parent=home_page, title="About the repository")
    assert "About the repository" in visitor.get(page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # as the editor's request commits
        page.title = "About this repository"
        page.save_revision().publish()

    assert "About this repository" in visitor.get(page.url).content.decode()


def test_a_new_item_shows_in_the_listing_at_once(visitor, repository):
    visitor.get(repository.url)

    GoodPracticeItemPageFactory(parent=repository, title="Reverse mentoring")

    assert "Reverse mentoring" in visitor.get(repository.url).content.decode()


def test_signed_in_people_and_searches_always_get_the_live_page(
    admin_client, visitor, repository, django_assert_max_num_queries
):
    admin_client.get(repository.url)
    visitor.get(repository.url + "?q=mentoring")
    with django_assert_max_num_queries(100) as signed_in:
        admin_client.get(repository.url)
    with django_assert_max_num_queries(100) as searching:
        visitor.get(repository.url + "?q=mentoring")
    assert len(signed_in) > 0
    assert len(searching) > 0


def test_a_page_with_a_form_token_is_never_kept(visitor, home_page, django_assert_max_num_queries):
    from tests.submissions.submission_helpers import make_submit_page

    page = make_submit_page(home_page)
    fresh = Client()
    fresh.get(page.url)
    with django_assert_max_num_queries(100) as queries:
        response = Client().get(page.url)
    assert len(queries) > 0
    assert "csrftoken" in response.cookies


def test_pages_are_compressed_and_answer_conditional_requests(visitor, home_page):
    page = ContentPageFactory(
        parent=home_page, title="About", body=[("paragraph", "<p>" + "Text. " * 400 + "</p>")]
    )
    response = visitor.get(page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert response["ETag"]

    again = visitor.get(page.url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])

    assert again.status_code == 304


def test_an_observances_new_dates_show_on_the_kept_calendar_at_once(
    visitor, home_page, django_capture_on_commit_callbacks
):
    calendar = CalendarPageFactory(parent=home_page)
    islam = FaithPageFactory(parent=calendar, title="Islam", slug="islam")
    observance = ObservanceFactory(faith=islam, name="Eid al-Fitr", slug="eid-al-fitr")
    occurrence = OccurrenceFactory(
        observance=observance,
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 10),
    )
    url = f"{calendar.url}2027/list/"
    assert "10 March 2027" in visitor.get(url).content.decode()
    assert "10 March 2027" in visitor.get(url).content.decode()  # kept whole

    with django_capture_on_commit_callbacks(execute=True):  # as the editor's save commits
        occurrence.start_date = occurrence.end_date = datetime.date(2027, 3, 9)
        occurrence.save()

    html = visitor.get(url).content.decode()
    assert "9 March 2027" in html
    assert "10 March 2027" not in html


def test_a_kept_page_is_kept_compressed_and_plain_and_answers_304_itself(
    visitor, home_page, django_assert_num_queries
):
    page = ContentPageFactory(
        parent=home_page, title="About", body=[("paragraph", "<p>" + "Text. " * 400 + "</p>")]
    )
    compressed = visitor.get(page.url, HTTP_ACCEPT_ENCODING="gzip, br")
    plain = visitor.get(page.url)

    with django_assert_num_queries(0):
        compressed_again = visitor.get(page.url, HTTP_ACCEPT_ENCODING="gzip, br")
        plain_again = visitor.get(page.url)
        not_modified = visitor.get(
            page.url, HTTP_ACCEPT_ENCODING="gzip, br", HTTP_IF_NONE_MATCH=compressed["ETag"]
        )

    assert compressed_again["Content-Encoding"] == "gzip"
    assert compressed_again.content == compressed.content
    assert gzip.decompress(compressed_again.content) == plain.content
    assert "Content-Encoding" not in plain_again
    assert "Text. Text." in plain_again.content.decode()
    assert "Accept-Encoding" in plain_again["Vary"]
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == compressed["ETag"]
