"""Every classification in the registry, end to end: what visitors, re-users, API clients,
submitters and moderators see of it.

Each test runs once per entry of CLASSIFICATIONS, so a classification added there is
checked everywhere it should appear without a new test being written.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification.models import ProtectedCharacteristic
from goodpractice.repository.classifications import CLASSIFICATIONS
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.submissions.models import Submission
from tests.submissions.submission_helpers import answers, make_submit_page, submit

pytestmark = pytest.mark.django_db

EACH = pytest.mark.parametrize("classification", CLASSIFICATIONS, ids=lambda c: c.key)


@dataclass
class Value:
    """One value of a classification, as each audience meets it."""

    item_value: object  # what the item's factory is given for the field
    query: str  # its value in `?<key>=...`
    label: str  # how the filter panel and the moderators name it
    name: str  # its text in the CSV and JSON downloads
    submitted: object  # what the submission form posts for it


def a_value(classification):
    """A value of the classification that no other item in the test has."""
    if classification.kind == "terms":
        model = classification.term_model
        if model is ProtectedCharacteristic:  # fixed by law: the rows come from a migration
            term = model.objects.get(slug="sexual-orientation")
        else:
            term = model.objects.create(name="Zephyr wellbeing", slug="zephyr-wellbeing")
        return Value([term], term.slug, term.name, term.name, [term.pk])
    if classification.kind == "tags":
        return Value(["zephyrs"], "zephyrs", "zephyrs", "zephyrs", "zephyrs")
    # A choice the factory does not give every item by default.
    value, label = classification.choices[-1]
    return Value(value, value, label, value, value)


def no_value(classification):
    """What the other item is given instead: nothing, or (a required classification) a
    term of its own from the factory."""
    if classification.kind == "choices":
        return {classification.field_name: ""}
    return {}


@pytest.fixture
def two_items(repository):
    def make(classification):
        value = a_value(classification)
        with_it = GoodPracticeItemPageFactory(
            parent=repository,
            title="Alpha initiative",
            **{classification.field_name: value.item_value},
        )
        without_it = GoodPracticeItemPageFactory(
            parent=repository, title="Beta initiative", **no_value(classification)
        )
        return value, with_it, without_it

    return make


def result_titles(soup):
    return [link.get_text(strip=True) for link in soup.select(".app-result h3 a")]


def facet_option_text(soup, key, value):
    box = soup.find("input", attrs={"name": key, "value": value, "type": "checkbox"})
    assert box is not None, f"no option {value!r} in the {key!r} filter"
    return " ".join(soup.find("label", attrs={"for": box["id"]}).get_text().split()), box


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


@EACH
def test_the_filter_lists_only_the_items_with_the_value_and_counts_them(
    client, two_items, repository, classification
):
    value, _, _ = two_items(classification)

    everything = BeautifulSoup(client.get(repository.url).content, "html.parser")
    assert set(result_titles(everything)) == {"Alpha initiative", "Beta initiative"}
    text, box = facet_option_text(everything, classification.key, value.query)
    assert text == f"{value.label} (1 item)"
    assert not box.has_attr("checked")

    response = client.get(repository.url, {classification.key: value.query})
    assert response.status_code == 200
    filtered = BeautifulSoup(response.content, "html.parser")
    assert result_titles(filtered) == ["Alpha initiative"]
    text, box = facet_option_text(filtered, classification.key, value.query)
    assert text == f"{value.label} (1 item)"
    assert box.has_attr("checked")
    legends = [legend.get_text(" ", strip=True) for legend in filtered.select(".app-facet legend")]
    assert any(legend.startswith(classification.label) for legend in legends)


@EACH
def test_the_downloads_have_the_column_with_the_value(
    client, two_items, repository, classification
):
    value, _, _ = two_items(classification)

    rows = list(csv.DictReader(io.StringIO(download(client, repository.url + "download/csv/"))))
    assert classification.column in rows[0]
    by_title = {row["title"]: row for row in rows}
    assert by_title["Alpha initiative"][classification.column] == value.name
    other = by_title["Beta initiative"][classification.column]
    assert value.name not in other.split("; ")
    if not classification.required:
        assert other == ""

    data = json.loads(download(client, repository.url + "download/json/"))
    assert classification.column in data["columns"]
    by_title = {item["title"]: item for item in data["items"]}
    expected = value.name if classification.kind == "choices" else [value.name]
    assert by_title["Alpha initiative"][classification.column] == expected
    other = by_title["Beta initiative"][classification.column]
    if classification.kind == "choices":
        assert other == ""
    else:
        assert value.name not in other
        if not classification.required:
            assert other == []


@EACH
def test_the_api_shows_the_field(client, two_items, classification):
    value, with_it, without_it = two_items(classification)

    shown = client.get(f"/api/v2/items/{with_it.pk}/").json()[classification.field_name]
    other = client.get(f"/api/v2/items/{without_it.pk}/").json()[classification.field_name]

    if classification.kind == "terms":
        assert shown == [{"name": value.name, "slug": value.query}]
        assert value.query not in [term["slug"] for term in other]
    elif classification.kind == "tags":
        assert shown == [value.name]
        assert other == []
    else:
        assert shown == value.name
        assert other == ""


@EACH
def test_the_submission_form_asks_for_it(client, home_page, classification):
    value = a_value(classification)  # a term must exist for its checkbox to be offered
    page = make_submit_page(home_page)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    inputs = soup.find_all("input", attrs={"name": classification.submission_field})
    assert inputs
    if classification.kind != "tags":  # a checkbox or radio button for the value
        assert str(value.submitted[0] if classification.kind == "terms" else value.submitted) in [
            field["value"] for field in inputs
        ]


@EACH
def test_moderators_see_what_was_submitted_for_it(client, admin_client, home_page, classification):
    page = make_submit_page(home_page)
    value = a_value(classification)
    response = submit(client, page, answers(**{classification.submission_field: value.submitted}))
    assert response.status_code in (200, 302)
    submission = Submission.objects.get()

    response = admin_client.get(reverse("submissions:inspect", args=[submission.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    answered = {
        " ".join(dt.get_text().split()): " ".join(dt.find_next_sibling("dd").get_text().split())
        for dt in soup.find_all("dt")
    }
    assert classification.moderation_label in answered
    assert value.label in answered[classification.moderation_label]
