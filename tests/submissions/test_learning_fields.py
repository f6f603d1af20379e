"""The optional key learning, transferability and costs (as NICE Shared Learning asks): on the
form with hint text, kept through errors and the check page, shown to the moderator, and
copied onto the item when it is accepted."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission
from goodpractice.submissions.moderation import QUALITY_TEAM
from tests.accounts.helpers import verified_login

from .submission_helpers import XSS, answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

LEARNING = {
    "key_learning": "Book rooms early.\n\nInvite supervisors to the first session.",
    "transferability": "Any region with a training programme director could run it.",
    "costs": "Two days of a trainer's time a cohort.",
}


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_form_offers_the_three_as_optional_with_hints(client, page):
    form = soup(client.get(page.url))

    for name, label in [
        ("key_learning", "Key learning (optional)"),
        ("transferability", "Transferability (optional)"),
        ("costs", "Costs (optional)"),
    ]:
        textarea = form.select_one(f"textarea[name={name}]")
        assert form.select_one(f"label[for={textarea['id']}]").get_text() == label
        hint = form.select_one(f"#{textarea['id']}-hint")
        assert hint is not None
        assert len(hint.get_text()) > 30
        assert f"{textarea['id']}-hint" in textarea["aria-describedby"]


def test_a_submission_without_them_is_accepted(client, page):
    submit(client, page, answers())

    submission = Submission.objects.get()
    assert (submission.key_learning, submission.transferability, submission.costs) == ("", "", "")


def test_they_are_checked_kept_and_saved(client, page):
    data = answers(**LEARNING)

    check = client.post(page.url, {**data, "action": "check"})

    rows = {
        row.select_one("dt").get_text(): row.select_one("dd")
        for row in soup(check).select(".nhsuk-summary-list__row")
    }
    assert list(rows["Key learning (optional)"].stripped_strings) == [
        "Book rooms early.",
        "Invite supervisors to the first session.",
    ]
    assert rows["Costs (optional)"].get_text() == LEARNING["costs"]
    hidden = {field["name"]: field["value"] for field in soup(check).select("input[type=hidden]")}
    assert hidden["transferability"] == LEARNING["transferability"]

    submit(client, page, data)
    submission = Submission.objects.get()
    assert submission.key_learning == LEARNING["key_learning"]
    assert submission.transferability == LEARNING["transferability"]
    assert submission.costs == LEARNING["costs"]


def test_an_invalid_post_keeps_them(client, page):
    response = client.post(page.url, {**answers(title="", **LEARNING), "action": "check"})

    form = soup(response)
    assert form.select_one(".nhsuk-error-summary") is not None
    for name, value in LEARNING.items():
        assert form.select_one(f"textarea[name={name}]").get_text().strip() == value


def test_the_status_page_shows_what_was_sent(client, page):
    submit(client, page, answers(**LEARNING))
    submission = Submission.objects.get()

    text = soup(client.get(page.status_url(submission))).get_text(" ")

    assert LEARNING["transferability"] in text
    assert LEARNING["costs"] in text


def test_the_moderator_reads_them_and_acceptance_copies_them_onto_the_item(
    client, page, repository, django_capture_on_commit_callbacks
):
    submit(client, page, answers(**{**LEARNING, "costs": f"Costs {XSS}"}))
    submission = Submission.objects.get()
    quality = make_user("quality", groups=[QUALITY_TEAM])
    verified_login(client, quality)

    detail = client.get(reverse("submissions:inspect", args=[submission.pk]))
    answers_shown = {
        dt.get_text(): dt.find_next_sibling("dd").get_text("\n")
        for dt in soup(detail).select("dl dt")
    }
    assert answers_shown["Transferability"] == LEARNING["transferability"]
    assert answers_shown["Key learning"].startswith("Book rooms early.")
    assert answers_shown["Costs"] == f"Costs {XSS}"  # as text, never as markup
    assert "<script>" not in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, quality, [], "")

    item = GoodPracticeItemPage.objects.get()
    assert item.transferability == LEARNING["transferability"]
    assert item.costs == f"Costs {XSS}"
    assert item.key_learning == LEARNING["key_learning"]
    item.get_latest_revision().publish()
    client.logout()
    public = soup(client.get(item.url))
    headings = [heading.get_text() for heading in public.select("main h2")]
    assert {"Key learning", "Transferability", "Costs"} <= set(headings)


def test_a_moderator_sees_not_given_for_empty_ones(client, page):
    submit(client, page, answers())
    submission = Submission.objects.get()
    verified_login(client, make_user("quality", groups=[QUALITY_TEAM]))

    detail = soup(client.get(reverse("submissions:inspect", args=[submission.pk])))

    shown = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in detail.select("dl dt")}
    assert shown["Costs"] == "Not given"
