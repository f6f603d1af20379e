"""The calendar's feeds behave as a subscription should: conditional requests, a cache
lifetime, events whose UIDs never depend on the address asked for and whose DTSTAMP,
LAST-MODIFIED and SEQUENCE follow their changes, and one-click links for Google and Outlook.
"""

import datetime
from unittest import mock

from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date

import icalendar
import pytest
from bs4 import BeautifulSoup

from calendars import content_version
from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.models import Occurrence
from calendars.rules import RuleType

pytestmark = pytest.mark.django_db
D = datetime.date
# The fixtures' dates are the only ones: editors enter them, no rule adds more years.
ENTERED_BY_EDITORS = {"rule_type": RuleType.MANUAL, "month": None, "day": None}
DOWNLOADS = ["ics/", "csv/", "2026/ics/", "2026/csv/", "rotation/2026-27/ics/", "ics/?faith=islam"]


@pytest.fixture
def rosh_hashanah(judaism):
    observance = ObservanceFactory(
        faith=judaism,
        name="Rosh Hashanah",
        begins_evening_before=True,
        work_restricted=True,
        duration_days=2,
        **ENTERED_BY_EDITORS,
    )
    return OccurrenceFactory(
        observance=observance, start_date=D(2026, 9, 12), end_date=D(2026, 9, 13)
    )


@pytest.fixture
def ramadan(islam):
    observance = ObservanceFactory(
        faith=islam, name="Ramadan", involves_fasting=True, **ENTERED_BY_EDITORS
    )
    return OccurrenceFactory(
        observance=observance, start_date=D(2026, 2, 18), end_date=D(2026, 3, 19)
    )


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("route", DOWNLOADS)
def test_every_download_has_validators_and_a_lifetime(client, calendar_page, ramadan, route):
    response = client.get(calendar_page.url + route)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize("route", DOWNLOADS)
def test_a_current_copy_is_answered_not_modified(client, calendar_page, ramadan, route):
    url = calendar_page.url + route
    first = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    stale_etag = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    last_modified = datetime.datetime.strptime(first["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT")
    older = http_date((last_modified - datetime.datetime(1970, 1, 1)).total_seconds() - 60)
    stale_date = client.get(url, HTTP_IF_MODIFIED_SINCE=older)

    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == "public, max-age=3600"
    assert stale_etag.status_code == 200
    assert stale_date.status_code == 200
    assert stale_etag.content == first.content


def test_an_unchanged_feed_is_the_same_bytes_every_time(client, calendar_page, ramadan):
    first = client.get(f"{calendar_page.url}ics/")
    second = client.get(f"{calendar_page.url}ics/")
    cache.clear()  # built again from the database
    third = client.get(f"{calendar_page.url}ics/")

    assert first.content == second.content == third.content
    assert first["ETag"] == second["ETag"] == third["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]


def test_changing_a_date_raises_the_sequence_and_the_last_modified_time(
    client, calendar_page, ramadan
):
    url = f"{calendar_page.url}ics/"
    before = client.get(url)
    event = events(before)[f"occurrence-{ramadan.pk}@testserver"]
    assert event["SEQUENCE"] == 0
    assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")

    later = timezone.now() + datetime.timedelta(hours=1)
    occurrence = Occurrence.objects.get(pk=ramadan.pk)
    occurrence.start_date = D(2026, 2, 19)
    with mock.patch("django.utils.timezone.now", return_value=later):
        occurrence.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] != before["Last-Modified"]
    moved = events(after)[f"occurrence-{ramadan.pk}@testserver"]
    assert moved.decoded("DTSTART") == D(2026, 2, 19)
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("LAST-MODIFIED") == later.replace(microsecond=0)
    assert moved.decoded("DTSTAMP") == later.replace(microsecond=0)


def test_changing_an_observance_changes_its_events_last_modified_time(
    client, calendar_page, ramadan
):
    url = f"{calendar_page.url}ics/"
    before = events(client.get(url))[f"occurrence-{ramadan.pk}@testserver"]

    later = timezone.now() + datetime.timedelta(hours=1)
    observance = ramadan.observance
    observance.guidance = "Offer a quiet room for prayer."
    with mock.patch("django.utils.timezone.now", return_value=later):
        observance.save()
    after = events(client.get(url))[f"occurrence-{ramadan.pk}@testserver"]

    assert "Offer a quiet room for prayer." in str(after["DESCRIPTION"])
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after["SEQUENCE"] == 0  # the dates did not change


def test_deleting_a_date_changes_the_feed_and_its_validators(client, calendar_page, ramadan):
    url = f"{calendar_page.url}ics/"
    before = client.get(url)
    ramadan.delete()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert events(after) == {}


def test_uids_come_from_the_configured_domain_whatever_the_host(
    client, calendar_page, ramadan, settings
):
    settings.CALENDAR_UID_DOMAIN = "calendar.example.nhs.uk"
    url = f"{calendar_page.url}ics/"
    one = client.get(url, HTTP_HOST="localhost")
    other = client.get(url, HTTP_HOST="127.0.0.1:8000")

    assert (
        set(events(one))
        == set(events(other))
        == {f"occurrence-{ramadan.pk}@calendar.example.nhs.uk"}
    )
    assert one.content == other.content
    assert one["ETag"] == other["ETag"]
    assert b"PRODID:-//calendar.example.nhs.uk//Multi-faith calendar//EN" in one.content


def test_uids_default_to_the_host_of_the_sites_address(client, calendar_page, ramadan, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://goodpractice.example.nhs.uk"
    response = client.get(f"{calendar_page.url}ics/", HTTP_HOST="localhost")

    assert set(events(response)) == {f"occurrence-{ramadan.pk}@goodpractice.example.nhs.uk"}
    assert "https://goodpractice.example.nhs.uk/calendar/islam/" in response.content.decode()


def test_an_evening_start_is_in_the_title_and_the_description(
    client, calendar_page, rosh_hashanah, ramadan
):
    response = client.get(f"{calendar_page.url}2026/ics/")
    by_uid = events(response)
    evening = by_uid[f"occurrence-{rosh_hashanah.pk}@testserver"]
    daytime = by_uid[f"occurrence-{ramadan.pk}@testserver"]

    assert str(evening["SUMMARY"]) == (
        "Rosh Hashanah (Judaism), begins at sunset on Friday 11 September"
    )
    assert "Begins at sunset on Friday 11 September 2026." in str(evening["DESCRIPTION"])
    assert evening.decoded("DTSTART") == D(2026, 9, 12)  # the day itself, all day
    assert str(daytime["SUMMARY"]) == "Ramadan (Islam)"
    assert "sunset" not in str(daytime["DESCRIPTION"])


def links_in(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {" ".join(a.get_text().split()): a["href"] for a in soup.find_all("a", href=True)}


def test_one_click_links_add_the_filtered_feed_to_google_and_outlook(
    client, calendar_page, ramadan
):
    links = links_in(client.get(calendar_page.url, {"faith": "islam"}))
    name = "Multi-faith calendar (Islam)"

    assert links[f"Add the {name} to Google Calendar"] == (
        "https://calendar.google.com/calendar/render"
        "?cid=webcal%3A%2F%2Ftestserver%2Fcalendar%2Fics%2F%3Ffaith%3Dislam"
    )
    assert links[f"Add the {name} to Outlook.com"] == (
        "https://outlook.live.com/calendar/0/addfromweb"
        "?url=http%3A%2F%2Ftestserver%2Fcalendar%2Fics%2F%3Ffaith%3Dislam"
        "&name=Multi-faith%20calendar%20%28Islam%29"
    )
    assert links[f"Add the {name} to Outlook (work or school account)"].startswith(
        "https://outlook.office.com/calendar/0/addfromweb?url=http%3A%2F%2Ftestserver%2F"
    )
    assert (
        links["Subscribe in your calendar app"] == "webcal://testserver/calendar/ics/?faith=islam"
    )


def test_subscription_addresses_come_from_the_sites_address_not_the_request(
    client, calendar_page, ramadan, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://goodpractice.example.nhs.uk/"
    links = links_in(client.get(calendar_page.url, HTTP_HOST="localhost"))

    assert links["Subscribe in your calendar app"] == (
        "webcal://goodpractice.example.nhs.uk/calendar/ics/"
    )
    assert links["Add the Multi-faith calendar to Google Calendar"] == (
        "https://calendar.google.com/calendar/render"
        "?cid=webcal%3A%2F%2Fgoodpractice.example.nhs.uk%2Fcalendar%2Fics%2F"
    )
    assert links["Add the Multi-faith calendar to Outlook.com"].startswith(
        "https://outlook.live.com/calendar/0/addfromweb"
        "?url=https%3A%2F%2Fgoodpractice.example.nhs.uk%2Fcalendar%2Fics%2F&name="
    )


def test_in_development_subscription_addresses_follow_the_request(
    client, calendar_page, ramadan, settings
):
    settings.DEBUG = True
    links = links_in(client.get(calendar_page.url, HTTP_HOST="localhost:8000"))

    assert links["Subscribe in your calendar app"] == "webcal://localhost:8000/calendar/ics/"


def test_a_faith_page_offers_its_own_dates_to_google_and_outlook(client, islam, ramadan):
    links = links_in(client.get(islam.url))

    assert links["Add the Multi-faith calendar (Islam) to Google Calendar"] == (
        "https://calendar.google.com/calendar/render"
        "?cid=webcal%3A%2F%2Ftestserver%2Fcalendar%2Fics%2F%3Ffaith%3Dislam"
    )
    assert "Add the Multi-faith calendar (Islam) to Outlook.com" in links


def test_a_change_shows_at_once_on_the_calendar_and_in_the_feed(
    client, calendar_page, islam, ramadan
):
    assert "Ramadan" in client.get(f"{calendar_page.url}2026/").content.decode()
    client.get(f"{calendar_page.url}ics/")
    observance = ramadan.observance
    observance.name = "Ramadan (Ramazan)"
    observance.save()

    assert "Ramadan (Ramazan)" in client.get(f"{calendar_page.url}2026/").content.decode()
    assert "Ramadan (Ramazan)" in client.get(f"{calendar_page.url}ics/").content.decode()

    islam.unpublish()
    assert "Ramadan" not in client.get(f"{calendar_page.url}2026/").content.decode()
    assert events(client.get(f"{calendar_page.url}ics/")) == {}


def test_the_cache_is_marked_stale_again_once_a_change_is_committed(
    calendar_page, ramadan, django_capture_on_commit_callbacks
):
    before = content_version.current_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ramadan.save()
    at_once = content_version.current_version()
    for callback in callbacks:
        callback()

    assert before != at_once != content_version.current_version()
