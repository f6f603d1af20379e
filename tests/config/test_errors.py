"""With the database unreachable, every page is a friendly, static 503 with Retry-After."""

from django.db import OperationalError, ProgrammingError
from django.test import Client

from wagtail.models import Site

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    # As in production: the error is answered, not raised into the test.
    return Client(raise_request_exception=False)


def failing(error):
    def find_for_request(request):
        raise error

    return find_for_request


@pytest.mark.parametrize("path", ["/", "/good-practice/", "/submit/", "/no-such-page/"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(
    visitor, home_page, monkeypatch, path
):
    monkeypatch.setattr(Site, "find_for_request", failing(OperationalError("connection refused")))

    response = visitor.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Try again in a minute" in html


def test_a_form_post_with_the_database_down_never_says_it_was_sent(visitor, home_page, monkeypatch):
    monkeypatch.setattr(Site, "find_for_request", failing(OperationalError("server closed")))

    response = visitor.post("/submit/", {"title": "An initiative", "action": "send"})

    assert response.status_code == 503
    html = response.content.decode()
    assert "it was not saved" in html
    assert "Submission sent" not in html


def test_any_other_failure_is_the_500_page(visitor, home_page, monkeypatch):
    monkeypatch.setattr(Site, "find_for_request", failing(ProgrammingError("a bug")))

    response = visitor.get("/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_site_answers_again_once_the_database_is_back(visitor, home_page, monkeypatch):
    monkeypatch.setattr(Site, "find_for_request", failing(OperationalError("refused")))
    assert visitor.get("/").status_code == 503

    monkeypatch.undo()

    assert visitor.get("/").status_code == 200
