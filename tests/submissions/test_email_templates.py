"""Every email about a submission reads as prose: names, not Python values, and full links at
the site's configured address."""

import re

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string

import pytest

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission
from goodpractice.submissions.moderation import QUALITY_TEAM
from goodpractice.submissions.tasks import TEMPLATE_DIR, email_context

from .submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

SITE = "https://goodpractice.example.nhs.uk"
EMAILS = sorted((settings.BASE_DIR / "templates" / TEMPLATE_DIR).glob("*.txt"))
PYTHON_VALUES = ("<QuerySet", "<Region", "<Theme", "None", "[]", "{'", "object at 0x")


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture
def two_regions(db):
    return RegionFactory(name="East Midlands"), RegionFactory(name="London")


@pytest.fixture
def published(client, page, repository, two_regions, django_capture_on_commit_callbacks):
    """A submission in two regions and two themes, accepted with criteria and a message, and
    its item published: everything an email can mention."""
    quality = make_user("quality", groups=[QUALITY_TEAM])
    themes = [ThemeFactory(name="Differential attainment"), ThemeFactory(name="Induction")]
    data = answers(theme=themes[0], region=two_regions[0])
    data["regions"] = [region.pk for region in two_regions]
    data["themes"] = [theme.pk for theme in themes]
    submit(client, page, data)
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, quality, ["useful_learning"], "Thank you, Ada.")
        item = GoodPracticeItemPage.objects.get()
        item.save_revision().publish()
    submission.refresh_from_db()
    return submission


def test_there_is_a_template_for_every_email_sent(published):
    kinds = {path.stem for path in EMAILS if not path.stem.endswith("_subject")}
    sent = set(published.email_notices.values_list("kind", flat=True))
    assert sent == {"received", "new_submission", "accepted", "published"}
    assert sent | {"changes_requested", "rejected", "resubmitted"} <= kinds


@pytest.mark.parametrize("template", EMAILS, ids=lambda path: path.name)
def test_every_email_template_renders_prose_with_full_links(template, published, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    kind = template.stem.removesuffix("_subject")
    if kind == "message":  # included by the decision emails
        kind = "accepted"

    text = render_to_string(f"{TEMPLATE_DIR}/{template.name}", email_context(kind, published))

    for value in PYTHON_VALUES:
        assert value not in text, f"{template.name} shows {value!r}:\n{text}"
    assert text.strip()
    for link in re.findall(r"\w+://\S+", text):
        assert link.startswith(f"{SITE}/"), link


def test_the_moderators_email_names_the_regions_and_themes(
    client, page, two_regions, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = SITE
    moderators = make_user("quality", groups=[QUALITY_TEAM])
    data = answers(region=two_regions[0], theme=ThemeFactory(name="Induction"))
    data["regions"] = [region.pk for region in two_regions]

    submit(client, page, data)

    (email,) = [message for message in mail.outbox if message.to == [moderators.email]]
    assert "Regions: East Midlands, London\n" in email.body
    assert "Themes: Induction\n" in email.body
    submission = Submission.objects.get()
    assert f"{SITE}/admin/submissions/inspect/{submission.pk}/" in email.body


def test_the_published_email_names_and_links_the_item(published, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    item = published.item

    body = render_to_string(f"{TEMPLATE_DIR}/published.txt", email_context("published", published))

    assert f'"{published.title}" ({published.reference}) is now published' in body
    assert f"Read it at:\n{SITE}{item.url}\n" in body


def test_a_published_email_sent_after_the_item_was_taken_down_says_so(published):
    published.item.unpublish()
    published.refresh_from_db()

    body = render_to_string(f"{TEMPLATE_DIR}/published.txt", email_context("published", published))

    assert "It has since been taken down from the repository." in body
    assert "Read it at" not in body
