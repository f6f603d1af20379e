"""Editors set the footer's links in Settings → Footer links: to a page, a path, https or mailto."""

from django.apps import apps
from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest
from bs4 import BeautifulSoup
from wagtailnhsukfrontend.settings.models import FooterLinks, FooterSettings

from goodpractice.home.factories import ContentPageFactory
from goodpractice.home.models import FooterLink, SiteFooter

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def privacy(home_page):
    page = ContentPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    page.save_revision().publish()
    return page


def edit_url(site):
    return reverse("wagtailsettings:edit", args=["home", "sitefooter", site.pk])


def post_links(admin_client, site, links):
    data = nested_form_data(
        {"links": inline_formset([{"page": "", "address": "", **link} for link in links])}
    )
    return admin_client.post(edit_url(site), data)


def footer_links(client):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    return [
        (" ".join(a.get_text().split()), a["href"])
        for a in page.select("footer .nhsuk-footer__list-item-link")
    ]


def test_editors_save_links_to_a_page_a_path_an_email_and_another_site(
    admin_client, client, site, privacy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_links(
            admin_client,
            site,
            [
                {"label": "Contact the quality team", "address": "mailto:quality@hee.nhs.uk"},
                {"label": "Privacy notice", "page": privacy.pk},
                {"label": "Accessibility statement", "address": "/accessibility/"},
                {"label": "NHS England", "address": "https://www.england.nhs.uk/"},
            ],
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert footer_links(client) == [
        ("Contact the quality team", "mailto:quality@hee.nhs.uk"),
        ("Privacy notice", "/privacy/"),
        ("Accessibility statement", "/accessibility/"),
        ("NHS England", "https://www.england.nhs.uk/"),
    ]


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"address": "javascript:alert(1)"}, "starts with /, https:// or mailto:"),
        ({"address": "http://example.org/"}, "starts with /, https:// or mailto:"),
        ({"address": "//evil.example/"}, "starts with /, https:// or mailto:"),
        ({"address": "mailto:not an address"}, "Enter an email address after mailto:"),
        ({"address": "/two words/"}, "cannot contain spaces"),
        ({}, "Choose a page or give an address."),
    ],
)
def test_a_link_that_cannot_work_is_refused_with_a_message(admin_client, site, link, message):
    response = post_links(admin_client, site, [{"label": "A link", **link}])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FooterLink.objects.exists()


def test_a_page_and_an_address_together_are_refused(admin_client, site, privacy):
    response = post_links(
        admin_client, site, [{"label": "Privacy", "page": privacy.pk, "address": "/privacy/"}]
    )
    assert "Choose a page or give an address, not both." in response.content.decode()


def test_a_link_to_a_page_follows_it_when_it_moves_and_goes_when_it_is_deleted(
    client, site, home_page, privacy, django_capture_on_commit_callbacks
):
    FooterLink.objects.create(footer=SiteFooter.for_site(site), label="Privacy", page=privacy)
    about = ContentPageFactory(parent=home_page, title="About", slug="about")
    with django_capture_on_commit_callbacks(execute=True):
        privacy.move(about, pos="last-child")
    assert footer_links(client) == [("Privacy", "/about/privacy/")]
    with django_capture_on_commit_callbacks(execute=True):
        privacy.delete()
    assert footer_links(client) == []


def test_the_replaced_nhsuk_footer_settings_are_not_offered(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert edit_url(Site.objects.get(is_default_site=True)).rsplit("/", 2)[0] in page
    assert "/admin/settings/wagtailnhsukfrontendsettings/footersettings/" not in page


def test_a_sites_old_footer_links_are_kept_when_it_moves_to_these(site):
    old = FooterSettings.for_site(site)
    FooterLinks.objects.create(setting=old, link_label="Contact", link_url="https://nhs.uk/")
    migration = __import__(
        "goodpractice.home.migrations.0004_footer_links_from_nhsuk_settings",
        fromlist=["copy_footer_links"],
    )
    migration.copy_footer_links(apps, None)
    links = SiteFooter.for_site(site).links.all()
    assert [(link.label, link.address) for link in links] == [("Contact", "https://nhs.uk/")]
