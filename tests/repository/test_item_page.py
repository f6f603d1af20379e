"""What a reader sees on an item page beyond its classification: when it was published and
last updated, and the optional key learning, transferability and costs."""

import datetime

import pytest
from bs4 import BeautifulSoup

from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.repository.models import GoodPracticeItemPage

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def page_text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def times(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {time.get_text(): time["datetime"] for time in soup.select(".nhsuk-review-date time")}


def test_the_page_says_when_it_was_published_and_last_updated(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository, first_published_at=at(2025, 3, 3), last_published_at=at(2025, 4, 5)
    )

    response = client.get(item.url)

    text = page_text(response)
    assert "Published: 3 March 2025" in text
    assert "Last updated: 5 April 2025" in text
    assert times(response) == {"3 March 2025": "2025-03-03", "5 April 2025": "2025-04-05"}


def test_published_again_the_same_day_says_nothing_about_an_update(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository,
        first_published_at=at(2025, 3, 3, 9),
        last_published_at=at(2025, 3, 3, 17),
    )

    text = page_text(client.get(item.url))

    assert "Published: 3 March 2025" in text
    assert "Last updated" not in text


def test_publishing_an_edit_later_shows_the_new_date(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository, first_published_at=at(2024, 1, 15))
    item.summary = "Changed after a year."
    item.save_revision().publish()

    text = page_text(client.get(item.url))

    assert "Published: 15 January 2024" in text
    today = datetime.date.today()
    assert f"Last updated: {today.day} {today:%B %Y}" in text


def test_key_learning_transferability_and_costs_are_shown_when_filled(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository,
        key_learning="Start before the first shift.\n\nInvolve supervisors early.",
        transferability="Any region with an induction lead could run it.",
        costs="Two sessions of a trainer's time <per cohort>.",
    )

    response = client.get(item.url)

    soup = BeautifulSoup(response.content, "html.parser")
    sections = {
        heading.get_text(): heading.find_next_siblings("p", limit=2)
        for heading in soup.select("main h2")
    }
    assert [p.get_text() for p in sections["Key learning"]] == [
        "Start before the first shift.",
        "Involve supervisors early.",
    ]
    assert sections["Transferability"][0].get_text() == (
        "Any region with an induction lead could run it."
    )
    assert sections["Costs"][0].get_text() == "Two sessions of a trainer's time <per cohort>."
    assert "&lt;per cohort&gt;" in response.content.decode()  # shown as text


def test_empty_learning_fields_leave_no_empty_headings(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository)

    soup = BeautifulSoup(client.get(item.url).content, "html.parser")
    headings = [heading.get_text() for heading in soup.select("main h2")]

    assert not {"Key learning", "Transferability", "Costs"} & set(headings)


def test_tags_still_link_to_the_repository_filtered_by_them(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository, tags=["mentoring"])

    soup = BeautifulSoup(client.get(item.url).content, "html.parser")

    (link,) = [a for a in soup.select("main a") if a.get_text().startswith("mentoring")]
    assert link["href"] == f"{repository.url}?tag=mentoring"


def test_the_api_gives_the_learning_fields(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository, key_learning="Start early.", transferability="Anywhere.", costs=""
    )

    data = client.get(f"/api/v2/items/{item.pk}/").json()

    assert (data["key_learning"], data["transferability"], data["costs"]) == (
        "Start early.",
        "Anywhere.",
        "",
    )


def test_demo_items_with_learning_fill_all_three_as_labelled_placeholders(demo_site, client):
    filled = GoodPracticeItemPage.objects.exclude(key_learning="")
    assert filled.count() == 3
    for item in filled:
        text = page_text(client.get(item.url))
        for heading in ("Key learning", "Transferability", "Costs"):
            assert heading in text
        assert item.costs.startswith("Demo text:")
    plain = GoodPracticeItemPage.objects.filter(key_learning="").first()
    assert "Key learning" not in page_text(client.get(plain.url))
