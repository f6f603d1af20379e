import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

import icalendar
import pytest

from calendars.clashes import MAX_SESSIONS, SessionError, parse_csv, parse_ics, parse_typed
from calendars.factories import ObservanceFactory, OccurrenceFactory

D = datetime.date


@pytest.fixture
def observances(islam, judaism):
    eid = ObservanceFactory(
        faith=islam, name="Eid al-Fitr", work_restricted=True, guidance="Plan flexible cover."
    )
    OccurrenceFactory(observance=eid, start_date=D(2026, 3, 20))
    passover = ObservanceFactory(
        faith=judaism, name="Passover", begins_evening_before=True, work_restricted=True
    )
    OccurrenceFactory(observance=passover, start_date=D(2026, 4, 2), end_date=D(2026, 4, 9))
    return eid, passover


def checker_url(calendar_page):
    return f"{calendar_page.url}clash-checker/"


# Parsing


def test_typed_dates_ranges_and_labels():
    sessions, errors = parse_typed(
        "2026-03-20, MRCP written exam\n\n"
        "2026-03-30 to 2026-04-03\n"
        "01/04/2026 - 02/04/2026, Teaching"
    )
    assert errors == []
    assert [(s.start, s.end, s.label) for s in sessions] == [
        (D(2026, 3, 20), D(2026, 3, 20), "MRCP written exam"),
        (D(2026, 3, 30), D(2026, 4, 3), ""),
        (D(2026, 4, 1), D(2026, 4, 2), "Teaching"),
    ]


def test_typed_errors_name_the_line_and_the_problem():
    _, errors = parse_typed("2026-03-20\n2026-13-01\n2026-04-03 to 2026-04-01\nnext tuesday")
    assert errors[0].startswith("Line 2: '2026-13-01' is not a date. Use the format 2026-03-20")
    assert errors[1] == "Line 3: the end date is before the start date."
    assert errors[2].startswith("Line 4: 'next tuesday' is not a date.")


def test_csv_with_a_header_in_any_order():
    data = b"Session,Start date,End date\nExam,2026-03-20,\nTeaching week,2026-03-30,2026-04-03\n"
    sessions, errors = parse_csv(data)
    assert errors == []
    assert [(s.label, s.start, s.end) for s in sessions] == [
        ("Exam", D(2026, 3, 20), D(2026, 3, 20)),
        ("Teaching week", D(2026, 3, 30), D(2026, 4, 3)),
    ]


def test_csv_without_a_header_and_with_excel_bom():
    sessions, errors = parse_csv("\ufeff2026-03-20,2026-03-21,Exam\n".encode())
    assert errors == []
    assert sessions[0].label == "Exam"


def test_csv_with_semicolons_and_leading_blank_lines():
    sessions, errors = parse_csv(b"\n\nStart;End;Label\n20/03/2026;21/03/2026;Exam\n")
    assert errors == []
    assert [(s.start, s.end, s.label, s.line) for s in sessions] == [
        (D(2026, 3, 20), D(2026, 3, 21), "Exam", 4)
    ]


def test_a_csv_without_dates_or_a_start_column_is_explained():
    with pytest.raises(SessionError, match="Line 1: the first row is neither a date nor a header"):
        parse_csv(b"when,what\nsoon,exam\n")


def test_bad_csv_rows_name_their_line():
    sessions, errors = parse_csv(b"start,end,label\n2026-03-20,,ok\n20-03-2026,,bad\n,,empty\n")
    assert len(sessions) == 1
    assert errors[0].startswith("Line 3: '20-03-2026' is not a date.")
    assert errors[1] == "Line 4: there is no start date."


def ics(*events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    for summary, start, end in events:
        event = icalendar.Event()
        event.add("uid", f"{summary}@test")
        event.add("dtstamp", datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
        event.add("summary", summary)
        event.add("dtstart", start)
        if end:
            event.add("dtend", end)
        calendar.add_component(event)
    return calendar.to_ical()


def test_ics_all_day_and_timed_events():
    data = ics(
        ("Exam day", D(2026, 3, 20), D(2026, 3, 21)),
        (
            "Evening teaching",
            datetime.datetime(2026, 4, 1, 18, tzinfo=datetime.UTC),
            datetime.datetime(2026, 4, 1, 20, tzinfo=datetime.UTC),
        ),
        ("No end", D(2026, 5, 1), None),
    )
    sessions, errors = parse_ics(data)
    assert errors == []
    assert [(s.label, s.start, s.end) for s in sessions] == [
        ("Exam day", D(2026, 3, 20), D(2026, 3, 20)),  # DTEND is exclusive
        ("Evening teaching", D(2026, 4, 1), D(2026, 4, 1)),
        ("No end", D(2026, 5, 1), D(2026, 5, 1)),
    ]


def test_bad_ics_names_the_line():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Exam\r\n"
        b"DTSTART;VALUE=DATE:2026XX01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _, errors = parse_ics(data)
    assert errors == ["Line 5: the event 'Exam' has a DTSTART that cannot be read "
                      "(Wrong date format 2026XX01)."]  # fmt: skip


def test_repeating_ics_events_are_refused_with_a_reason():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Clinic\r\n"
        b"DTSTART;VALUE=DATE:20260301\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _, errors = parse_ics(data)
    assert errors[0].startswith("Line 3: the event 'Clinic' repeats (RRULE).")


# The page


def test_the_form_is_labelled_and_explains_the_format(client, calendar_page):
    html = client.get(checker_url(calendar_page)).content.decode()
    assert '<label class="nhsuk-label nhsuk-label--s" for="id_sessions">' in html
    assert "2026-03-20 to 2026-03-27" in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.django_db
def test_typed_dates_show_overlapping_observances(client, calendar_page, observances):
    response = client.post(
        checker_url(calendar_page),
        {"sessions": "2026-03-20, Written exam\n2026-04-01, Evening teaching\n2026-05-05"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Results: 2 of 3 sessions overlap an observance" in html
    assert "Eid al-Fitr" in html
    assert "Plan flexible cover." in html
    assert "Clashes only with the evening before" in html  # Passover begins on 1 April at sunset
    assert "No observances overlap." in html
    assert "Work restricted or leave commonly requested" in html


@pytest.mark.django_db
def test_errors_show_a_summary_and_keep_what_was_typed(client, calendar_page, observances):
    response = client.post(checker_url(calendar_page), {"sessions": "2026-03-20\n2026-02-30"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_sessions">Line 2: &#x27;2026-02-30&#x27; is not a date.' in html
    assert "nhsuk-form-group--error" in html
    assert "2026-03-20\n2026-02-30</textarea>" in html
    assert "<title>Error:" in html


@pytest.mark.django_db
def test_an_empty_form_asks_for_dates(client, calendar_page):
    html = client.post(checker_url(calendar_page), {"sessions": ""}).content.decode()
    assert "Enter the dates of at least one planned session, or choose a file" in html


@pytest.mark.django_db
def test_ics_upload(client, calendar_page, observances):
    upload = SimpleUploadedFile(
        "rota.ics", ics(("Exam", D(2026, 3, 20), D(2026, 3, 21))), content_type="text/calendar"
    )
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert "Results: 1 of 1 session overlaps an observance" in html
    assert "Eid al-Fitr" in html


@pytest.mark.django_db
def test_csv_upload(client, calendar_page, observances):
    upload = SimpleUploadedFile("rota.csv", b"start,end,label\n2026-04-05,2026-04-06,Teaching\n")
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert "Passover" in html
    assert "Teaching" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rota.csv", b"start\n2026-03-20\nnot a date\n", "Line 3: &#x27;not a date&#x27;"),
        ("rota.csv", b"\xff\xfe\x00bad", "not UTF-8 text"),
        ("rota.ics", b"hello", "Line 1: an iCalendar file starts with BEGIN:VCALENDAR"),
        (
            "rota.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nnonsense here\r\nEND:VCALENDAR\r\n",
            "Line 3: &#x27;nonsense here&#x27; is not a valid iCalendar line",
        ),
        ("rota.pdf", b"%PDF", "must be an iCalendar (.ics) or CSV (.csv) file"),
        ("rota.csv", b"start,end,label\n", "The file has no sessions in it."),
        ("rota.csv", b"x" * (1024 * 1024 + 1), "Upload a file of 1 MB or less"),
    ],
)
def test_bad_files_get_a_clear_message(client, calendar_page, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post(checker_url(calendar_page), {"upload": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html


@pytest.mark.django_db
def test_too_many_sessions(client, calendar_page):
    rows = "".join(f"2026-01-{1 + n % 28:02d}\n" for n in range(MAX_SESSIONS + 1))
    upload = SimpleUploadedFile("rota.csv", rows.encode())
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert f"Check up to {MAX_SESSIONS} sessions at a time" in html


@pytest.mark.django_db
def test_a_good_file_is_kept_when_the_typed_dates_need_fixing(client, calendar_page):
    upload = SimpleUploadedFile("rota.csv", b"2026-03-20,,Exam\n")
    html = client.post(
        checker_url(calendar_page), {"sessions": "2026-99-01", "upload": upload}
    ).content.decode()
    assert "2026-99-01\n2026-03-20, Exam</textarea>" in html
    assert "We added the 1 session from your file to this box" in html


@pytest.mark.django_db
def test_results_download_as_csv(client, calendar_page, observances):
    response = client.post(
        f"{checker_url(calendar_page)}csv/",
        {"sessions": "2026-03-20, =cmd|' /C calc'!A0\n2026-05-05, Quiet day"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="clash-check.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"  # a formula is never run by a spreadsheet
    assert rows[1][3:5] == ["Eid al-Fitr", "Islam"]
    assert rows[2][0] == "Quiet day"
    assert rows[2][3] == "No observances overlap"


@pytest.mark.django_db
def test_results_page_offers_the_csv_with_the_sessions(client, calendar_page, observances):
    html = client.post(
        checker_url(calendar_page), {"sessions": "2026-03-20 to 2026-03-21, Exam"}
    ).content.decode()
    assert 'name="sessions" value="2026-03-20 to 2026-03-21, Exam"' in html


@pytest.mark.django_db
def test_getting_the_csv_address_goes_back_to_the_form(client, calendar_page):
    response = client.get(f"{checker_url(calendar_page)}csv/")
    assert response.status_code == 302
    assert response["Location"].endswith("/clash-checker/")


@pytest.mark.django_db
def test_clash_checker_queries_do_not_grow_with_sessions(
    client, calendar_page, observances, django_assert_max_num_queries
):
    many = "\n".join(f"2026-03-{day:02d}" for day in range(1, 29))
    client.post(checker_url(calendar_page), {"sessions": "2026-03-20"})
    with django_assert_max_num_queries(15):
        client.post(checker_url(calendar_page), {"sessions": many})


@pytest.mark.django_db
def test_many_problems_are_summarised(client, calendar_page):
    typed = "\n".join(f"bad {n}" for n in range(25))
    html = client.post(checker_url(calendar_page), {"sessions": typed}).content.decode()
    assert "Line 20: &#x27;bad 19&#x27;" in html
    assert "Line 21:" not in html
    assert "And 5 more problems like these." in html
