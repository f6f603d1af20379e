"""With a caching proxy or CDN in front: pages say how long it may keep them, and a change
tells it to forget every address the change shows on (goodpractice.home.frontend_cache)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from django.test import Client, override_settings

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from goodpractice.classification.factories import ThemeFactory
from goodpractice.home import site_chrome
from goodpractice.home.factories import ContentPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from resources.factories import ResourceDocumentFactory
from tests.config.test_page_cache import PRODUCTION_MIDDLEWARE
from tests.submissions.submission_helpers import make_submit_page

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    """A caching proxy that takes PURGE requests, as Varnish does, and notes each address."""

    purged = []

    def do_PURGE(self):
        self.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    purged = PurgeRecorder.purged = []
    backend = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_port}",
    }
    with override_settings(WAGTAILFRONTENDCACHE={"proxy": backend}):
        yield purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the commit, as the editor's request commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(page):
    page.save_revision().publish()


def test_publishing_an_item_purges_it_its_listings_and_the_home_page(proxy, committed, repository):
    item = GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring")
    proxy.clear()

    with committed():
        item.title = "Peer mentoring for trainers"
        publish(item)

    assert set(proxy) >= {
        "http://localhost/good-practice/peer-mentoring/",
        "http://localhost/good-practice/",
        "http://localhost/good-practice/feed/",
        "http://localhost/good-practice/feed/rss/",
        "http://localhost/good-practice/themes/",
        "http://localhost/good-practice/regions/",
        "http://localhost/good-practice/coverage/",
        "http://localhost/",
    }


def test_the_listing_of_each_theme_is_purged_too(proxy, committed, repository):
    ThemeFactory(name="Recruitment", slug="recruitment")
    item = GoodPracticeItemPageFactory(parent=repository, title="Blind shortlisting")

    with committed():
        publish(item)

    assert "http://localhost/good-practice/themes/recruitment/" in proxy


def test_unpublishing_and_deleting_an_item_purge_it_and_its_listing(proxy, committed, repository):
    unpublished = GoodPracticeItemPageFactory(parent=repository, title="Reverse mentoring")
    deleted = GoodPracticeItemPageFactory(parent=repository, title="Buddy scheme")

    with committed():
        unpublished.unpublish()
    with committed():
        deleted.delete()

    for url in [
        "http://localhost/good-practice/reverse-mentoring/",
        "http://localhost/good-practice/buddy-scheme/",
        "http://localhost/good-practice/",
        "http://localhost/",
    ]:
        assert url in proxy


def test_a_moved_page_is_purged_at_its_old_and_new_address_with_the_pages_below_it(
    proxy, committed, home_page
):
    old_parent = ContentPageFactory(parent=home_page, title="About", slug="about")
    new_parent = ContentPageFactory(parent=home_page, title="Help", slug="help")
    moved = ContentPageFactory(parent=old_parent, title="Contact", slug="contact")
    ContentPageFactory(parent=moved, title="Email", slug="email")

    with committed():
        moved.move(new_parent, pos="last-child")

    assert set(proxy) >= {
        "http://localhost/about/contact/",
        "http://localhost/about/contact/email/",
        "http://localhost/help/contact/",
        "http://localhost/help/contact/email/",
        "http://localhost/about/",
        "http://localhost/help/",
        "http://localhost/",
    }


def test_a_new_slug_purges_the_old_address(proxy, committed, home_page):
    page = ContentPageFactory(parent=home_page, title="About", slug="about")

    with committed():
        page.slug = "about-us"
        publish(page)

    assert {"http://localhost/about/", "http://localhost/about-us/"} <= set(proxy)


def test_the_purge_goes_after_the_page_cache_has_moved_on(committed, proxy, home_page):
    """A proxy fetching the page as soon as it is purged must get the new one, not the copy
    kept under the old content version."""
    page = ContentPageFactory(parent=home_page, title="About")
    before = site_chrome.current_version()
    versions_at_purge = []
    real_purge = PurgeBatch.purge

    def purge(batch, *args, **kwargs):
        versions_at_purge.append(site_chrome.current_version())
        return real_purge(batch, *args, **kwargs)

    with mock.patch.object(PurgeBatch, "purge", purge), committed():
        publish(page)

    assert versions_at_purge
    assert before not in versions_at_purge


def test_a_changed_document_and_a_new_restriction_purge_the_documents_address(proxy, committed, db):
    document = ResourceDocumentFactory(title="Panel guide")
    proxy.clear()

    with committed():
        document.title = "Interview panel guide"
        document.save()
    assert f"http://localhost{document.url}" in proxy

    proxy.clear()
    collection = Collection.get_first_root_node().add_child(name="Panel papers")
    document.collection = collection
    document.save()
    proxy.clear()
    with committed():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert proxy == [f"http://localhost{document.url}"]


def test_without_a_frontend_cache_nothing_is_queued(committed, repository):
    item = GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring")
    with (
        override_settings(WAGTAILFRONTENDCACHE={}),
        mock.patch.object(PurgeBatch, "purge") as purge,
        committed(),
    ):
        publish(item)
    purge.assert_not_called()


@pytest.fixture
def production_middleware():
    with override_settings(MIDDLEWARE=PRODUCTION_MIDDLEWARE, PAGE_CACHE_SECONDS=300):
        yield


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.usefixtures("production_middleware")
def test_an_anonymous_page_may_be_kept_by_a_shared_cache_for_the_page_cache_time(repository):
    first = Client().get(repository.url)
    kept = Client().get(repository.url)

    for response in (first, kept):
        assert cache_control(response) == {"public", "max-age=0", "s-maxage=300"}
        assert "Cookie" in response["Vary"]


@pytest.mark.usefixtures("production_middleware")
def test_a_filtered_listing_is_asked_for_again_each_time(repository):
    response = Client().get(repository.url, {"status": "embedded"})
    assert cache_control(response) == {"public", "max-age=0"}


@pytest.mark.usefixtures("production_middleware")
def test_searches_signed_in_pages_and_forms_are_never_shared(repository, home_page, admin_client):
    form = make_submit_page(home_page)
    search = Client().get(repository.url, {"q": "mentoring"})
    signed_in = admin_client.get(repository.url)
    with_a_token = Client().get(form.url)

    assert "csrfmiddlewaretoken" in with_a_token.content.decode()
    for response in (search, signed_in, with_a_token):
        assert response.status_code == 200
        assert "private" in cache_control(response)
        assert "public" not in cache_control(response)
        assert "s-maxage" not in response["Cache-Control"]
