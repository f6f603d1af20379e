"""The header, footer and breadcrumbs are read once, kept, and change when editors change them."""

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup
from wagtailnhsukfrontend.settings.models import HeaderSettings, NavigationLink

from goodpractice.home.factories import ContentPageFactory
from goodpractice.home.models import FooterLink, SiteFooter
from goodpractice.repository.factories import GoodPracticeItemPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def about(home_page, site):
    """A content page in the header's navigation, with a child page."""
    page = ContentPageFactory(parent=home_page, title="About us", slug="about")
    NavigationLink.objects.create(setting=HeaderSettings.for_site(site), label="About", page=page)
    return page


def soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def navigation(client, url="/"):
    links = soup(client, url).select("a.nhsuk-header__navigation-link")
    return [(" ".join(link.get_text().split()), link["href"]) for link in links]


def test_header_and_footer_settings_are_not_read_again_on_every_page(client, about, repository):
    client.get("/")
    for url in ("/", repository.url, about.url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        read = " ".join(query["sql"] for query in queries.captured_queries)
        assert "wagtailnhsukfrontendsettings" not in read, url


def test_renaming_a_navigation_link_shows_at_once(
    client, about, site, django_capture_on_commit_callbacks
):
    assert ("About", "/about/") in navigation(client)
    link = NavigationLink.objects.get(setting=HeaderSettings.for_site(site))
    with django_capture_on_commit_callbacks(execute=True):
        link.label = "Who we are"
        link.save()
    assert ("Who we are", "/about/") in navigation(client)


def test_moving_a_page_in_the_navigation_changes_its_link(
    client, about, django_capture_on_commit_callbacks
):
    assert ("About", "/about/") in navigation(client)
    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "about-the-repository"
        about.save_revision().publish()
    assert ("About", "/about-the-repository/") in navigation(client)


def test_the_current_page_is_marked_in_the_navigation(client, about):
    link = soup(client, about.url).select_one('.nhsuk-header__navigation-link[href="/about/"]')
    assert link.get("aria-current") == "page"
    link = soup(client, "/").select_one('.nhsuk-header__navigation-link[href="/about/"]')
    assert not link.get("aria-current")


def test_a_new_footer_link_shows_at_once(client, site, django_capture_on_commit_callbacks):
    footer = SiteFooter.for_site(site)
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        FooterLink.objects.create(
            footer=footer, label="Accessibility statement", address="https://example.org/a"
        )
    links = soup(client, "/").select(".nhsuk-footer__list-item-link")
    assert [link.get_text(strip=True) for link in links] == ["Accessibility statement"]


def test_breadcrumbs_follow_a_renamed_parent(
    client, home_page, repository, django_capture_on_commit_callbacks
):
    item = GoodPracticeItemPageFactory(parent=repository)

    def crumbs():
        return [
            a.get_text(strip=True) for a in soup(client, item.url).select(".nhsuk-breadcrumb a")
        ]

    assert crumbs() == [home_page.title, repository.title]
    with django_capture_on_commit_callbacks(execute=True):
        repository.title = "Shared good practice"
        repository.save_revision().publish()
    assert crumbs() == [home_page.title, "Shared good practice"]


@pytest.mark.parametrize("sites", ["kept", "none yet"])
def test_a_missing_page_says_so_in_the_sites_own_layout(client, home_page, sites):
    if sites == "none yet":
        Site.objects.all().delete()
    page = soup(client, "/no-such-page/", status=404)
    assert page.h1.get_text() == "Page not found"
    assert page.title.get_text(strip=True).startswith("Page not found")
    assert page.select_one("header.nhsuk-header")
    assert page.select_one("footer.nhsuk-footer")


def test_a_server_error_page_needs_nothing_but_static_files(client):
    page = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert page.h1.get_text() == "Sorry, there is a problem with the service"
