"""The clash checker's limits: bounded input, sane years, a summarised page, a rate limit."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings

import pytest

from calendars.clash_results import LISTED_SESSIONS, find_clashes
from calendars.clashes import MAX_ERRORS, MAX_SESSIONS, PlannedSession, parse_typed
from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.forms import ClashCheckForm
from calendars.periods import MAX_YEAR, MIN_YEAR

D = datetime.date


def checker_url(calendar_page):
    return f"{calendar_page.url}clash-checker/"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "31/12/9999", f"{MAX_YEAR + 1}-01-01"])
def test_years_outside_the_calendar_are_refused_with_a_reason(day):
    reading = parse_typed(f"2026-03-20\n{day}")
    assert len(reading.sessions) == 1
    assert "is outside the calendar" in reading.errors[0]
    assert f"Enter dates from {MIN_YEAR} to {MAX_YEAR}" in reading.errors[0]


@pytest.mark.django_db
def test_year_9999_in_the_checker_is_an_error_message_not_a_server_error(client, calendar_page):
    response = client.post(checker_url(calendar_page), {"sessions": "9999-12-31 to 9999-12-31"})
    assert response.status_code == 200
    assert "9999 is outside the calendar" in response.content.decode()


def test_reading_stops_after_too_many_problems():
    errors = parse_typed("\n".join(f"bad {n}" for n in range(5000))).errors
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1].startswith(f"Stopped reading at line {MAX_ERRORS}")


def test_more_sessions_than_the_limit_are_refused():
    form = ClashCheckForm({"sessions": "\n".join(["2026-03-20"] * (MAX_SESSIONS + 1))})
    assert not form.is_valid()
    assert f"Check up to {MAX_SESSIONS} sessions at a time" in str(form.errors)


def test_sessions_find_the_same_clashes_as_comparing_every_pair():
    class Observance:
        def __init__(self, pk, evening):
            self.pk, self.name, self.begins_evening_before = pk, f"o{pk}", evening

    class Occurrence:
        def __init__(self, pk, start, days, evening):
            self.pk, self.start_date = pk, start
            self.end_date = start + datetime.timedelta(days=days)
            self.eve = start - datetime.timedelta(days=1)
            self.observance = Observance(pk % 7, evening)
            self.certainty = "estimated" if pk % 2 else "calculated"

    base = D(2026, 1, 1)
    occurrences = [
        Occurrence(n, base + datetime.timedelta(days=(n * 37) % 400), n % 30, n % 3 == 0)
        for n in range(120)
    ]
    sessions = [
        PlannedSession(
            base + datetime.timedelta(days=n * 3), base + datetime.timedelta(n * 3 + n % 9)
        )
        for n in range(150)
    ]
    results = find_clashes(sessions, occurrences)
    for session, result in zip(sessions, results, strict=True):
        expected = {
            o.pk
            for o in occurrences
            if (o.eve if o.observance.begins_evening_before else o.start_date) <= session.end
            and o.end_date >= session.start
        }
        assert {clash.occurrence.pk for clash in result.clashes} == expected
        maybe = {
            o.pk
            for o in occurrences
            if o.certainty == "estimated"
            and o.pk not in expected
            and session.start <= o.end_date + datetime.timedelta(days=1) <= session.end
        }
        assert {o.pk for o in result.may_clash} == maybe
    assert len(results.by_observance) == 7
    assert any(result.may_clash for result in results)


@pytest.mark.django_db
def test_the_largest_check_is_summarised(client, calendar_page, islam):
    eid = ObservanceFactory(faith=islam, name="Eid al-Fitr", guidance="Plan flexible cover.")
    OccurrenceFactory(observance=eid, start_date=D(2026, 3, 20))
    typed = "\n".join(f"2026-01-01 to 2026-12-31, Session {n}" for n in range(MAX_SESSIONS))
    html = client.post(checker_url(calendar_page), {"sessions": typed}).content.decode()
    assert f"Results: {MAX_SESSIONS} of {MAX_SESSIONS} sessions overlap" in html
    assert html.count("Plan flexible cover.") == 1  # the guidance once, for the observance
    assert f"This page shows the first {LISTED_SESSIONS} of {MAX_SESSIONS} sessions" in html
    assert "<br>Session 49\n" in html
    assert "<br>Session 50\n" not in html
    assert len(html) < 300_000


@pytest.mark.django_db
@override_settings(CLASH_CHECK_RATE_LIMIT=2)
def test_checks_are_rate_limited_per_address():
    def check(address):
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        return ClashCheckForm({"sessions": "2026-03-20"}, request=request)

    assert check("192.0.2.1").is_valid()
    assert check("192.0.2.1").is_valid()
    refused = check("192.0.2.1")
    assert not refused.is_valid()
    assert refused.rate_limited
    assert "Wait a few minutes, then check again." in str(refused.errors)
    assert check("192.0.2.2").is_valid()  # another address is not held up


@pytest.mark.django_db
@override_settings(CLASH_CHECK_RATE_LIMIT=2)
def test_the_checker_page_refuses_a_third_check_from_one_address(client, calendar_page):
    url = checker_url(calendar_page)
    for _ in range(2):
        html = client.post(url, {"sessions": "2026-03-20"}).content.decode()
        assert "Results:" in html
    html = client.post(url, {"sessions": "2026-03-20"}).content.decode()
    assert "Wait a few minutes, then check again." in html
    assert "Results:" not in html
    assert "2026-03-20" in html  # what was typed is kept


def endless_ics(summary="Weekly evening tutorial", rule="FREQ=WEEKLY", events=1):
    event = (
        "BEGIN:VEVENT\r\nUID:{n}@test\r\nSUMMARY:{summary}\r\nDTSTART;VALUE=DATE:20260302\r\n"
        "RRULE:{rule}\r\nEND:VEVENT\r\n"
    )
    body = "".join(event.format(n=n, summary=summary, rule=rule) for n in range(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


@pytest.mark.django_db
def test_a_rule_without_an_end_is_checked_up_to_the_limit(client, calendar_page):
    upload = SimpleUploadedFile("rota.ics", endless_ics())
    html = client.post(
        checker_url(calendar_page), {"sessions": "2026-03-20\n2026-03-21", "upload": upload}
    ).content.decode()
    assert f"Results: 0 of {MAX_SESSIONS} sessions" in html
    assert (
        "Line 3: the event &#x27;Weekly evening tutorial&#x27; repeats without an end, so we "
        f"checked its first {MAX_SESSIONS - 2} sessions, to Monday 10 December 2029" in html
    )


@pytest.mark.django_db
def test_rules_that_never_match_are_refused_not_worked_out_for_ever(client, calendar_page):
    upload = SimpleUploadedFile(
        "rota.ics",
        endless_ics("Clinic", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", events=MAX_SESSIONS),
    )
    response = client.post(checker_url(calendar_page), {"upload": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Line 3: the event &#x27;Clinic&#x27; has a repeat rule (RRULE) that gives no date from "
        "its start to 2075." in html
    )
    assert "And 81 more problems like these." in html  # reading stopped after 100


def test_an_ics_with_more_events_than_the_limit_is_refused_before_it_is_read():
    form = ClashCheckForm(
        files={"upload": SimpleUploadedFile("big.ics", endless_ics(events=MAX_SESSIONS + 1))}
    )
    assert not form.is_valid()
    assert f"The file has {MAX_SESSIONS + 1} sessions. Check up to {MAX_SESSIONS}" in str(
        form.errors
    )


def test_a_kept_file_is_bounded():
    form = ClashCheckForm({"kept_file": "x" * 300_000, "date_order": "dmy"})
    assert not form.is_valid()
    assert "could not be kept. Choose it again." in str(form.errors)
