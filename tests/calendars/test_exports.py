import csv
import datetime
import io

import icalendar
import pytest

from calendars.exports import spreadsheet_safe
from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.rules import Certainty, RuleType

pytestmark = pytest.mark.django_db
D = datetime.date
RAMADAN = "Ramadan (Islam), begins at sunset on Tuesday 17 February"


# The fixtures' dates are the only ones: editors enter them, no rule adds more years.
ENTERED_BY_EDITORS = {"rule_type": RuleType.MANUAL, "month": None, "day": None}


@pytest.fixture
def occurrences(islam, judaism):
    ramadan = ObservanceFactory(
        faith=islam,
        name="Ramadan",
        summary="The month of fasting; dawn to sunset, with prayer.",
        involves_fasting=True,
        begins_evening_before=True,
        guidance="Schedule exams in the morning, and allow a break at sunset.",
        **ENTERED_BY_EDITORS,
    )
    passover = ObservanceFactory(
        faith=judaism, name="Passover", work_restricted=True, **ENTERED_BY_EDITORS
    )
    return [
        OccurrenceFactory(
            observance=ramadan,
            start_date=D(2026, 2, 18),
            end_date=D(2026, 3, 19),
            certainty=Certainty.ESTIMATED,
        ),
        OccurrenceFactory(observance=passover, start_date=D(2026, 4, 2), end_date=D(2026, 4, 9)),
        OccurrenceFactory(observance=passover, start_date=D(2027, 4, 22), end_date=D(2027, 4, 29)),
    ]


def events_of(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_year_ics_round_trips_with_the_right_events(client, calendar_page, occurrences):
    response = client.get(f"{calendar_page.url}2026/ics/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="calendar-2026.ics"'
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")  # CRLF line endings only
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:P1D\r\n" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded
    events = events_of(response)
    assert set(events) == {RAMADAN, "Passover (Judaism)"}
    ramadan = events[RAMADAN]
    assert ramadan.decoded("DTSTART") == D(2026, 2, 18)
    assert ramadan["DTSTART"].params["VALUE"] == "DATE"
    assert ramadan.decoded("DTEND") == D(2026, 3, 20)  # exclusive: the day after the last
    assert ramadan["UID"] == f"occurrence-{occurrences[0].pk}@testserver"
    assert ramadan.decoded("DTSTAMP").tzinfo is not None
    assert [str(c) for c in ramadan["CATEGORIES"].cats] == [
        "Islam",
        "Fasting",
        "Begins at sunset the evening before",
    ]
    assert ramadan["STATUS"] == "TENTATIVE"  # estimated from the moon
    description = str(ramadan["DESCRIPTION"])
    assert "Begins at sunset on Tuesday 17 February 2026." in description
    assert "Schedule exams in the morning, and allow a break at sunset." in description
    assert b"Schedule exams in the morning\\, and allow" in body.replace(b"\r\n ", b"")


def test_uids_are_stable_across_downloads(client, calendar_page, occurrences):
    first = events_of(client.get(f"{calendar_page.url}ics/"))
    second = events_of(client.get(f"{calendar_page.url}ics/"))
    assert {e["UID"] for e in first.values()} == {e["UID"] for e in second.values()}
    assert [e.decoded("DTSTAMP") for e in first.values()] == [
        e.decoded("DTSTAMP") for e in second.values()
    ]


def test_the_feed_and_faith_filter(client, calendar_page, occurrences):
    response = client.get(f"{calendar_page.url}ics/", {"faith": "judaism"})
    calendar = icalendar.Calendar.from_ical(response.content)
    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts == [D(2026, 4, 2), D(2027, 4, 22)]  # both years, Judaism only
    assert "Judaism" in str(calendar["X-WR-CALNAME"])
    assert 'filename="calendar-judaism.ics"' in response["Content-Disposition"]


def test_rotation_year_ics_covers_august_to_july(client, calendar_page, occurrences):
    response = client.get(f"{calendar_page.url}rotation/2026-27/ics/")
    starts = [e.decoded("DTSTART") for e in events_of(response).values()]
    assert starts == [D(2027, 4, 22)]
    assert 'filename="calendar-rotation-2026-27.ics"' in response["Content-Disposition"]


def test_csv_download(client, calendar_page, occurrences):
    response = client.get(f"{calendar_page.url}2026/csv/", {"impact": "fasting"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Observance", "Faith or tradition", "First day", "Last day"]
    assert len(rows) == 2
    assert rows[1][:5] == ["Ramadan", "Islam", "2026-02-18", "2026-03-19", "30"]
    assert rows[1][5] == "Yes, from sunset on 2026-02-17"
    assert rows[1][7] == "Estimated"
    assert rows[1][11].startswith("http://testserver/")


def test_spreadsheet_formulas_are_neutralised():
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("@SUM") == "'@SUM"
    assert spreadsheet_safe("Eid") == "Eid"
