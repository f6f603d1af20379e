import io
import itertools
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification import demo_content as classification_demo_content
from goodpractice.classification.models import Region, Theme
from goodpractice.home import demo_content as home_demo_content
from goodpractice.home.demo_content import read_data
from goodpractice.repository import demo_content as repository_demo_content
from goodpractice.repository import facet_index
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage
from goodpractice.submissions import demo_content as submissions_demo_content

pytestmark = pytest.mark.django_db


def items_of(term):
    return set(term.items.live().values_list("title", flat=True))


def test_all_sixteen_seed_items_are_published(demo_site):
    assert GoodPracticeItemPage.objects.live().count() == 16
    assert Theme.objects.count() == 5
    assert Region.objects.count() == 11


def test_items_sit_under_their_seed_themes_and_regions(demo_site):
    west_midlands = Region.objects.get(name="West Midlands")
    assert items_of(west_midlands) == {
        "Enhanced Induction in the West Midlands",
        "Director of Medical Education Interviews in the West Midlands",
        "Virtual Café in the West Midlands",
        "In Training Assessment of Performance (iTAP) in the West Midlands",
    }
    training = Theme.objects.get(slug="training-and-development")
    assert len(items_of(training)) == 4
    img_induction = GoodPracticeItemPage.objects.get(
        title="IMG Induction programme in Thames Valley and Wessex"
    )
    assert {r.name for r in img_induction.regions.all()} == {"Thames Valley", "Wessex"}
    repository = GoodPracticeIndexPage.objects.get()
    index = facet_index.get_index(repository)
    themes = facet_index.with_counts(list(Theme.objects.all()), "theme", index)
    counts = {theme.slug: theme.item_count for theme in themes}
    assert counts == {
        "international-medical-graduates": 5,
        "differential-attainment": 3,
        "governance-and-representation": 2,
        "forums-and-support": 2,
        "training-and-development": 4,
    }


def test_demo_summaries_are_labelled_as_demo(demo_site):
    for item in GoodPracticeItemPage.objects.all():
        assert item.summary.startswith("Demo summary:")
        assert item.learners_reached is None  # no invented figures


def test_running_it_again_creates_no_duplicates_and_keeps_edits(demo_site):
    item = GoodPracticeItemPage.objects.get(title="Virtual Café in the West Midlands")
    item.summary = "Edited by an editor."
    item.save_revision().publish()
    page_count = Page.objects.count()

    call_command("load_demo_content", stdout=io.StringIO())

    assert Page.objects.count() == page_count
    assert Theme.objects.count() == 5
    item.refresh_from_db()
    assert item.summary == "Edited by an editor."


def test_every_live_page_and_listing_returns_200(demo_site, client):
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
    repository = GoodPracticeIndexPage.objects.get()
    urls += [f"{repository.url}themes/", f"{repository.url}regions/"]
    terms = [*Theme.objects.all(), *Region.objects.all()]
    urls += [repository.url_for_term(term) for term in terms]
    assert len(urls) >= 16 + 4 + 2 + 16
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_no_demo_administrator_without_debug(db):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert not get_user_model().objects.exists()
    assert "DEBUG is off" in out.getvalue()


@override_settings(DEBUG=True)
def test_demo_administrator_gets_a_generated_password_printed_once(db, client):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    assert len(password) >= 12
    # Through the sign-in form, as django-axes needs the request (client.login has none).
    client.post(reverse("wagtailadmin_login"), {"username": "admin", "password": password})
    assert client.session["_auth_user_id"]

    again = io.StringIO()
    call_command("load_demo_content", stdout=again)
    assert password not in again.getvalue()
    assert get_user_model().objects.count() == 2  # the administrator and a quality-team member


def test_header_and_footer_carry_the_demo_links(demo_site, client):
    html = client.get("/").content.decode()
    assert 'href="mailto:quality@hee.nhs.uk"' in html
    assert "Contact the quality team" in html
    for path in ("/good-practice/", "/edi-framework/", "/study-leave/"):
        assert f'class="nhsuk-header__navigation-link" href="{path}"' in html


def test_the_data_files_parse_and_hold_the_seed_pages():
    home = read_data(home_demo_content.__file__)
    assert [page["slug"] for page in home["content_pages"]] == [
        "edi-framework",
        "study-leave",
        "privacy",
        "accessibility",
    ]
    assert {link["page"] for link in home["navigation"]} == {"edi-framework", "study-leave"}
    repository = read_data(repository_demo_content.__file__)
    assert len(repository["items"]) == 16
    themes = {theme["slug"] for theme in read_data(classification_demo_content.__file__)["themes"]}
    assert {item["theme"] for item in repository["items"]} == themes == set(repository["problems"])
    submissions = read_data(submissions_demo_content.__file__)
    assert len(submissions["submissions"]) == 3
    assert all(s["title"].startswith("Demo submission:") for s in submissions["submissions"])


def test_the_privacy_notice_is_published_and_linked_from_the_footer(demo_site, client, settings):
    html = client.get("/privacy/").content.decode()
    for text in (
        "Privacy notice",
        f"{settings.SUBMISSION_RETENTION_DAYS} days after",
        "public interest",
        "quality@hee.nhs.uk",
        "Information Commissioner",
        "Data Protection Officer",
        "england.dpo@nhs.net",
        f"confirm within {settings.ALERTS_UNCONFIRMED_DAYS} days",
    ):
        assert text in html, text
    assert 'href="/privacy/"' in client.get("/").content.decode()


def test_the_accessibility_statement_says_what_uk_public_sector_statements_must(demo_site, client):
    page = BeautifulSoup(client.get("/accessibility/").content, "html.parser")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in headings, heading
    text = page.get_text(" ")
    assert "Equality Advisory and Support Service" in text
    assert "partially compliant" in text
    assert "WCAG 2.2 AA" in " ".join(text.split())
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # in order
    footer = BeautifulSoup(client.get("/").content, "html.parser").select("footer a")
    assert [(a.get_text(strip=True), a["href"]) for a in footer] == [
        ("Contact the quality team", "mailto:quality@hee.nhs.uk"),
        ("Privacy notice", "/privacy/"),
        ("Accessibility statement", "/accessibility/"),
    ]
