"""Pages are found from the cache (goodpractice.home.routing), and a change to the tree or to
a page's privacy shows at the very next request."""

from django.test import Client

from wagtail.models import PageViewRestriction, Site

import pytest

from goodpractice.home.factories import ContentPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


def test_a_page_published_renamed_unpublished_and_deleted_is_found_where_it_now_is(
    visitor, home_page, django_capture_on_commit_callbacks
):
    assert visitor.get("/about/").status_code == 404  # and that answer is kept
    with django_capture_on_commit_callbacks(execute=True):
        page = ContentPageFactory(parent=home_page, title="About", slug="about")
    assert visitor.get("/about/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "about-us"
        page.save_revision().publish()
    assert visitor.get("/about/")["Location"] == "/about-us/"  # Wagtail's automatic redirect
    assert "About" in visitor.get("/about-us/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert visitor.get("/about-us/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert visitor.get("/about-us/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert visitor.get("/about-us/").status_code == 404


def test_a_page_made_private_asks_for_its_password_at_once(
    visitor, repository, django_capture_on_commit_callbacks
):
    item = GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring")
    assert "Peer mentoring" in visitor.get(item.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=repository, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    response = visitor.get(item.url)
    assert "Peer mentoring" not in response.content.decode()
    assert "password" in response.content.decode().lower()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Peer mentoring" in visitor.get(item.url).content.decode()


def test_a_changed_site_root_is_followed_at_once(
    visitor, home_page, django_capture_on_commit_callbacks
):
    other_home = ContentPageFactory(parent=home_page.get_parent(), title="Other front page")
    assert "Other front page" not in visitor.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.root_page = other_home
        site.save()

    assert "Other front page" in visitor.get("/").content.decode()
