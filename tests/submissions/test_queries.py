"""The submission page's routes make a fixed number of SQL queries, however many themes,
regions, audiences and items there are.

Each test builds a little content, asks for the page once (the first request builds the
header and footer cache, as on a running site), pins the exact number of queries, then adds
three times the content and pins the same number.
"""

import pytest

from goodpractice.classification.factories import AudienceFactory, RegionFactory, ThemeFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission

from .submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

SMALL = 3  # of each kind of term at the small size; the large size has three times as many


def assert_queries(client, url, expected, django_assert_num_queries):
    client.get(url)  # warm the header and footer cache
    with django_assert_num_queries(expected, info=url):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture
def grow(repository):
    """Add `count` themes, regions and audiences, and an item filed under each pair."""
    made = {"n": 0}

    def add(count):
        for number in range(made["n"], made["n"] + count):
            theme = ThemeFactory(name=f"Theme {number}", slug=f"theme-{number}")
            region = RegionFactory(name=f"Region {number}", slug=f"region-{number}")
            AudienceFactory(name=f"Audience {number}", slug=f"audience-{number}")
            GoodPracticeItemPageFactory(
                parent=repository,
                title=f"Bystander training {number}",
                themes=[theme],
                regions=[region],
            )
        made["n"] += count

    return add


def test_the_form_makes_the_same_number_of_queries_at_two_sizes(
    client, page, grow, django_assert_num_queries
):
    grow(SMALL)
    response = assert_queries(client, page.url, 4, django_assert_num_queries)
    assert "Audience 2" in response.content.decode()
    grow(2 * SMALL)
    response = assert_queries(client, page.url, 4, django_assert_num_queries)
    assert "Audience 8" in response.content.decode()


def test_the_sent_and_status_pages_make_the_same_number_of_queries_at_two_sizes(
    client, page, grow, django_assert_num_queries
):
    grow(SMALL)
    sent = submit(client, page, answers(suggested_tags="one, two"), {}).url
    status = page.status_path(Submission.objects.get())
    assert_queries(client, sent, 2, django_assert_num_queries)
    assert_queries(client, status, 8, django_assert_num_queries)
    grow(2 * SMALL)
    assert_queries(client, sent, 2, django_assert_num_queries)
    assert_queries(client, status, 8, django_assert_num_queries)


def test_the_status_page_of_a_published_submission_makes_the_same_number_at_two_sizes(
    client, page, grow, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The item made from it comes with the submission (one join), its address from the
    cached site root paths: following it to publication costs no query."""
    grow(SMALL)
    submit(client, page, answers(suggested_tags="one, two"), {})
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, make_user("quality"), [], "")
        submission.refresh_from_db()
        submission.item.get_latest_revision().publish()
    status = page.status_path(submission)
    response = assert_queries(client, status, 8, django_assert_num_queries)
    assert "It is published in the repository" in response.content.decode()
    grow(2 * SMALL)
    assert_queries(client, status, 8, django_assert_num_queries)
