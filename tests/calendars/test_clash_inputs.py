"""Reading what people have: the date forms they type, CSVs as Outlook, Google and Excel save
them, and .ics files with repeating events."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calendars.clash_csv import csv_rows, read_rows
from calendars.clash_dates import DAY_FIRST, MONTH_FIRST, choose_order, parse_date
from calendars.clash_kept import keep, restore
from calendars.clashes import SessionError, parse_csv, parse_ics, parse_typed

D = datetime.date
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")

# Dates


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-20",
        "20/03/2026",
        "20 March 2026",
        "Fri 20/03/26",
        "March 20, 2026",
        "Friday, March 20, 2026",
        "20th March 2026",
        "20-Mar-26",
        "20.03.2026",
        "20/03/2026 09:30",
        "2026-03-20T09:30:00Z",
    ],
)
def test_each_date_form_is_read(text):
    assert parse_date(text) == D(2026, 3, 20)


def test_two_digit_years_fall_in_the_calendars_years():
    assert parse_date("01/02/75") == D(2075, 2, 1)
    assert parse_date("01/02/76") == D(1976, 2, 1)


def test_a_weekday_that_does_not_fit_the_date_is_pointed_out():
    with pytest.raises(SessionError, match="20 March 2026 is a Friday, not a Monday"):
        parse_date("Mon 20/03/2026")


@pytest.mark.parametrize(
    ("texts", "order", "example"),
    [
        (["10/12/2026", "13/01/2026"], DAY_FIRST, ""),  # 13 can only be a day
        (["10/12/2026", "01/13/2026"], MONTH_FIRST, ""),
        (["10/12/2026", "11/12/2026"], None, "10/12/2026"),
        (["05/05/2026", "2026-03-20", "20 March 2026"], DAY_FIRST, ""),  # no doubt in any
        (["Thu 10/12/2026"], DAY_FIRST, ""),  # 10 December 2026 is a Thursday, 12 October not
    ],
)
def test_the_order_is_taken_from_the_dates_or_left_open(texts, order, example):
    assert choose_order(texts) == (order, example)


def test_the_planners_answer_settles_the_order():
    assert choose_order(["10/12/2026"], MONTH_FIRST) == (MONTH_FIRST, "")


def test_a_date_only_possible_in_the_other_order_is_explained():
    reading = parse_typed("13/01/2026\n14/01/2026\n01/15/2026")
    assert reading.errors == [
        "Line 3: '01/15/2026' is not a date when read as day/month/year, the order used for "
        "the other dates. Write every date the same way."
    ]


def test_typed_written_dates_keep_their_commas_out_of_the_label():
    reading = parse_typed("March 20, 2026, MRCP written exam\nFri 20/03/26 to 27 March 2026")
    assert reading.errors == []
    assert [(s.start, s.end, s.label) for s in reading.sessions] == [
        (D(2026, 3, 20), D(2026, 3, 20), "MRCP written exam"),
        (D(2026, 3, 20), D(2026, 3, 27), ""),
    ]


def test_ambiguous_typed_dates_ask_instead_of_guessing():
    assert parse_typed("10/12/2026\n11/12/2026").ambiguous == "10/12/2026"
    days = [s.start for s in parse_typed("10/12/2026", MONTH_FIRST).sessions]
    assert days == [D(2026, 10, 12)]


# CSV files

OUTLOOK_EXPORT = (
    '"Subject","Start Date","Start Time","End Date","End Time","All day event",'
    '"Reminder on/off","Categories","Description","Location","Private"\r\n'
    '"Induction","20/03/2026","00:00:00","21/03/2026","00:00:00","True","False","","","",'
    '"False"\r\n'
    '"Teaching, block 2","30/03/2026","09:00:00","03/04/2026","17:00:00","False","False",'
    '"","All week","Room 4","False"\r\n'
)

GOOGLE_IMPORT = (
    "Subject,Start Date,Start Time,End Date,End Time,All Day Event,Description,Location,"
    "Private\n"
    "Final exam,03/20/2026,10:00 AM,03/20/2026,1:00 PM,False,Bring ID,Hall,True\n"
    "Study leave,03/23/2026,,03/24/2026,,True,,,False\n"
)


def test_an_outlook_export():
    reading = parse_csv(OUTLOOK_EXPORT.encode())
    assert reading.errors == []
    assert [(s.label, s.start, s.end, s.line) for s in reading.sessions] == [
        ("Induction", D(2026, 3, 20), D(2026, 3, 20), 2),  # an all-day end is the next midnight
        ("Teaching, block 2", D(2026, 3, 30), D(2026, 4, 3), 3),
    ]


def test_a_google_calendar_csv_in_month_first_dates():
    reading = parse_csv(GOOGLE_IMPORT.encode())
    assert reading.errors == []
    assert [(s.label, s.start, s.end) for s in reading.sessions] == [
        ("Final exam", D(2026, 3, 20), D(2026, 3, 20)),
        ("Study leave", D(2026, 3, 23), D(2026, 3, 24)),
    ]


def test_european_excel_semicolons_in_windows_1252():
    data = "Date;Titre;Notes\r\n20/03/2026;Café clinique;\r\n21.03.2026;Réunion;\r\n"
    reading = parse_csv(data.encode("cp1252"))
    assert reading.errors == []
    assert [(s.start, s.label) for s in reading.sessions] == [
        (D(2026, 3, 20), ""),
        (D(2026, 3, 21), ""),
    ]
    reading = parse_csv("Date;Title\r\n20/03/2026;Café clinique\r\n".encode("cp1252"))
    assert reading.sessions[0].label == "Café clinique"


def test_excel_utf8_with_a_byte_order_mark_and_written_dates():
    data = '\ufeffSession,Date\r\nExam,20-Mar-26\r\nViva,"March 27, 2026"\r\n'.encode()
    reading = parse_csv(data)
    assert reading.errors == []
    assert [(s.label, s.start) for s in reading.sessions] == [
        ("Exam", D(2026, 3, 20)),
        ("Viva", D(2026, 3, 27)),
    ]


def test_excel_unicode_text_is_utf16_with_tabs():
    reading = parse_csv("Start\tLabel\r\n20/03/2026\tExam\r\n".encode("utf-16"))
    assert [(s.start, s.label) for s in reading.sessions] == [(D(2026, 3, 20), "Exam")]


def test_an_ambiguous_csv_is_read_either_way_once_answered():
    rows = csv_rows(b"start,label\n10/12/2026,Exam\n11/12/2026,Resit\n")
    assert read_rows(rows).ambiguous == "10/12/2026"
    assert [s.start for s in read_rows(rows, DAY_FIRST).sessions] == [
        D(2026, 12, 10),
        D(2026, 12, 11),
    ]
    assert [s.start for s in read_rows(rows, MONTH_FIRST).sessions] == [
        D(2026, 10, 12),
        D(2026, 11, 12),
    ]


def test_one_unambiguous_date_settles_a_whole_csv():
    reading = parse_csv(b"start\n10/12/2026\n13/01/2026\n")
    assert [s.start for s in reading.sessions] == [D(2026, 12, 10), D(2026, 1, 13)]


def test_kept_rows_come_back_only_as_signed():
    rows = csv_rows(b"start,label\n10/12/2026,Exam\n")
    name, restored = restore(keep("rota.csv", rows))
    assert (name, restored) == ("rota.csv", rows)
    with pytest.raises(SessionError, match=r"could not be kept\. Choose it again"):
        restore(keep("rota.csv", rows)[:-2] + "xx")


# iCalendar files


def calendar_of(*events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    for number, fields in enumerate(events):
        event = icalendar.Event()
        event.add("uid", fields.pop("uid", f"event-{number}@test"))
        event.add("dtstamp", datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
        for name, value in fields.items():
            event.add(name, value)
        calendar.add_component(event)
    return calendar.to_ical()


def weekly_tutorial(zone):
    return calendar_of(
        {
            "uid": "tutorial@test",
            "summary": "Weekly evening tutorial",
            "dtstart": datetime.datetime(2026, 3, 2, 18, tzinfo=zone),
            "dtend": datetime.datetime(2026, 3, 2, 20, tzinfo=zone),
            "rrule": {"freq": "weekly", "count": 5},
            "exdate": datetime.datetime(2026, 3, 9, 18, tzinfo=zone),
        },
        {
            "uid": "tutorial@test",
            "summary": "Tutorial (moved to Wednesday)",
            "recurrence-id": datetime.datetime(2026, 3, 16, 18, tzinfo=zone),
            "dtstart": datetime.datetime(2026, 3, 18, 18, tzinfo=zone),
            "dtend": datetime.datetime(2026, 3, 18, 20, tzinfo=zone),
        },
    )


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK])
def test_a_weekly_rule_with_an_exception_and_a_moved_instance(zone):
    reading = parse_ics(weekly_tutorial(zone))
    assert reading.errors == []
    assert reading.notes == []
    assert [(s.start, s.label) for s in reading.sessions] == [
        (D(2026, 3, 2), "Weekly evening tutorial"),
        (D(2026, 3, 18), "Tutorial (moved to Wednesday)"),
        (D(2026, 3, 23), "Weekly evening tutorial"),
        (D(2026, 3, 30), "Weekly evening tutorial"),
    ]


def test_a_timed_session_keeps_the_date_of_its_own_time_zone():
    late_call = calendar_of(
        {
            "summary": "Late call",
            "dtstart": datetime.datetime(2026, 3, 5, 22, tzinfo=NEW_YORK),  # 03:00 in London
            "dtend": datetime.datetime(2026, 3, 5, 23, tzinfo=NEW_YORK),
            "rrule": {"freq": "daily", "count": 2},
        },
        {
            "summary": "Floating",
            "dtstart": datetime.datetime(2026, 3, 10, 23, 30),
            "dtend": datetime.datetime(2026, 3, 11, 0, 0),  # ends at midnight: one day
        },
    )
    reading = parse_ics(late_call)
    assert [(s.start, s.end) for s in reading.sessions] == [
        (D(2026, 3, 5), D(2026, 3, 5)),
        (D(2026, 3, 6), D(2026, 3, 6)),
        (D(2026, 3, 10), D(2026, 3, 10)),
    ]


def test_rdates_add_sessions_and_all_day_events_span_days():
    data = calendar_of(
        {
            "summary": "Study block",
            "dtstart": D(2026, 4, 6),
            "dtend": D(2026, 4, 9),  # three days: DTEND is exclusive
            "rdate": [D(2026, 5, 4), D(2026, 6, 1)],
        }
    )
    reading = parse_ics(data)
    assert reading.errors == []
    assert [(s.start, s.end) for s in reading.sessions] == [
        (D(2026, 4, 6), D(2026, 4, 8)),
        (D(2026, 5, 4), D(2026, 5, 6)),
        (D(2026, 6, 1), D(2026, 6, 3)),
    ]


def test_a_rule_without_an_end_is_cut_at_the_limit_with_a_note():
    data = calendar_of(
        {
            "summary": "Weekly evening tutorial",
            "dtstart": D(2026, 3, 2),
            "rrule": {"freq": "weekly"},
        }
    )
    reading = parse_ics(data)
    assert len(reading.sessions) == 200
    assert reading.sessions[-1].start == D(2029, 12, 24)
    assert reading.notes == [
        "Line 4: the event 'Weekly evening tutorial' repeats without an end, so we checked its "
        "first 200 sessions, to Monday 24 December 2029 (up to 200 sessions, from 1925 to 2075, "
        "are checked at a time)."
    ]


def test_a_rule_past_the_calendars_last_year_stops_there():
    data = calendar_of({"summary": "Audit", "dtstart": D(2070, 6, 1), "rrule": {"freq": "yearly"}})
    reading = parse_ics(data)
    assert [s.start.year for s in reading.sessions] == [2070, 2071, 2072, 2073, 2074, 2075]
    assert "repeats past 2075, the last year the calendar covers" in reading.notes[0]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "repeats more often than daily (HOURLY)"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "gives no date from its start to 2075"),
        ("FREQ=SOMETIMES", "has a RRULE that cannot be read"),
    ],
)
def test_rules_that_cannot_give_sessions_are_explained(rule, message):
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@test\r\nSUMMARY:Clinic\r\n"
        f"DTSTART:20260301T090000Z\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    reading = parse_ics(data)
    assert reading.sessions == []
    assert reading.errors[0].startswith("Line ")
    assert message in reading.errors[0]


def test_a_repeating_event_before_the_calendars_years_is_refused():
    data = calendar_of({"summary": "Old", "dtstart": D(1900, 1, 1), "rrule": {"freq": "yearly"}})
    assert "starts in 1900, outside the calendar" in parse_ics(data).errors[0]
