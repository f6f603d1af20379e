import csv
import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile

import icalendar
import pytest

from calendars.clashes import MAX_SESSIONS, SessionError, parse_csv, parse_ics, parse_typed
from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.rules import Certainty

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
    reading = parse_typed(
        "2026-03-20, MRCP written exam\n\n"
        "2026-03-30 to 2026-04-03\n"
        "01/04/2026 - 02/04/2026, Teaching",
        order="dmy",
    )
    sessions = reading.sessions
    assert reading.errors == []
    assert [(s.start, s.end, s.label) for s in sessions] == [
        (D(2026, 3, 20), D(2026, 3, 20), "MRCP written exam"),
        (D(2026, 3, 30), D(2026, 4, 3), ""),
        (D(2026, 4, 1), D(2026, 4, 2), "Teaching"),
    ]


def test_typed_errors_name_the_line_and_the_problem():
    errors = parse_typed("2026-03-20\n2026-13-01\n2026-04-03 to 2026-04-01\nnext tuesday").errors
    assert errors[0].startswith("Line 2: '2026-13-01' is not a date. Use a date such as 2026-03-20")
    assert errors[1] == "Line 3: the end date is before the start date."
    assert errors[2].startswith("Line 4: 'next tuesday' is not a date.")


def test_csv_with_a_header_in_any_order():
    data = b"Session,Start date,End date\nExam,2026-03-20,\nTeaching week,2026-03-30,2026-04-03\n"
    reading = parse_csv(data)
    assert reading.errors == []
    assert [(s.label, s.start, s.end) for s in reading.sessions] == [
        ("Exam", D(2026, 3, 20), D(2026, 3, 20)),
        ("Teaching week", D(2026, 3, 30), D(2026, 4, 3)),
    ]


def test_csv_without_a_header_and_with_excel_bom():
    reading = parse_csv("\ufeff2026-03-20,2026-03-21,Exam\n".encode())
    assert reading.errors == []
    assert reading.sessions[0].label == "Exam"


def test_csv_with_semicolons_and_leading_blank_lines():
    reading = parse_csv(b"\n\nStart;End;Label\n20/03/2026;21/03/2026;Exam\n")
    assert reading.errors == []
    assert [(s.start, s.end, s.label, s.line) for s in reading.sessions] == [
        (D(2026, 3, 20), D(2026, 3, 21), "Exam", 4)
    ]


def test_a_csv_without_dates_or_a_start_column_is_explained():
    with pytest.raises(SessionError, match="Line 1: the first row is neither a date nor a header"):
        parse_csv(b"when,what\nsoon,exam\n")


def test_bad_csv_rows_name_their_line():
    reading = parse_csv(b"start,end,label\n2026-03-20,,ok\n20-30-2026,,bad\n,,empty\n")
    assert len(reading.sessions) == 1
    assert reading.errors[0].startswith("Line 3: '20-30-2026' is not a date.")
    assert reading.errors[1] == "Line 4: there is no start date."


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
    reading = parse_ics(data)
    assert reading.errors == []
    assert [(s.label, s.start, s.end) for s in reading.sessions] == [
        ("Exam day", D(2026, 3, 20), D(2026, 3, 20)),  # DTEND is exclusive
        ("Evening teaching", D(2026, 4, 1), D(2026, 4, 1)),
        ("No end", D(2026, 5, 1), D(2026, 5, 1)),
    ]


def test_bad_ics_names_the_line():
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Exam\r\n"
        b"DTSTART;VALUE=DATE:2026XX01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    errors = parse_ics(data).errors
    assert errors == ["Line 5: the event 'Exam' has a DTSTART that cannot be read "
                      "(Wrong date format 2026XX01)."]  # fmt: skip


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
        ("rota.csv", b"2026-03-20\n\x81\x00bad", "Line 2: the file is not UTF-8 or Windows text"),
        ("rota.csv", b"PK\x03\x04rest", "is a spreadsheet workbook (.xlsx), not CSV text"),
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
    assert f'href="#id_upload">{name}: ' in html  # each problem names the file


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


# Dates that could be read either way


def kept_file(html):
    return re.search(r'name="kept_file" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
def test_an_ambiguous_file_asks_which_order_and_keeps_the_file(client, calendar_page):
    upload = SimpleUploadedFile("rota.csv", b"start,label\n10/12/2026,Exam\n11/12/2026,Resit\n")
    response = client.post(checker_url(calendar_page), {"upload": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Results:" not in html
    assert "There is a problem" in html
    assert (
        'href="#id_date_order_0">Say whether the dates are day/month or month/day: '
        "&#x27;10/12/2026&#x27; could be read either way." in html
    )
    assert '<fieldset class="nhsuk-fieldset"' in html
    assert (
        '<h2 class="nhsuk-fieldset__heading">Are these dates day/month or month/day?</h2>' in html
    )
    assert 'class="nhsuk-radios__input" id="id_date_order_0" name="date_order" type="radio"' in html
    assert "We have kept the dates from your file rota.csv" in html
    kept = kept_file(html)

    day_first = client.post(checker_url(calendar_page), {"kept_file": kept, "date_order": "dmy"})
    html = day_first.content.decode()
    assert "Results: 0 of 2 sessions" in html
    assert "Thursday 10 December 2026" in html
    assert "Friday 11 December 2026" in html

    month_first = client.post(checker_url(calendar_page), {"kept_file": kept, "date_order": "mdy"})
    html = month_first.content.decode()
    assert "Monday 12 October 2026" in html
    assert "Thursday 12 November 2026" in html


@pytest.mark.django_db
def test_ambiguous_typed_dates_ask_and_keep_the_text(client, calendar_page, observances):
    html = client.post(
        checker_url(calendar_page), {"sessions": "03/04/2026, Exam"}
    ).content.decode()
    assert "Are these dates day/month or month/day?" in html
    assert "03/04/2026, Exam</textarea>" in html
    html = client.post(
        checker_url(calendar_page), {"sessions": "03/04/2026, Exam", "date_order": "dmy"}
    ).content.decode()
    assert "Friday 3 April 2026" in html
    assert "Passover" in html
    html = client.post(
        checker_url(calendar_page), {"sessions": "03/04/2026, Exam", "date_order": "mdy"}
    ).content.decode()
    assert "Wednesday 4 March 2026" in html
    assert "No observances overlap." in html


@pytest.mark.django_db
def test_one_clear_date_settles_the_order_without_asking(client, calendar_page):
    upload = SimpleUploadedFile("rota.csv", b"10/12/2026\n13/01/2026\n")
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert "Are these dates" not in html
    assert "Thursday 10 December 2026" in html


@pytest.mark.django_db
def test_a_kept_file_that_was_changed_is_refused(client, calendar_page):
    response = client.post(
        checker_url(calendar_page), {"kept_file": "forged:value", "date_order": "dmy"}
    )
    assert response.status_code == 200
    assert "The file you chose could not be kept. Choose it again." in response.content.decode()


# Files people have


@pytest.mark.django_db
def test_an_outlook_csv_upload(client, calendar_page, observances):
    data = (
        "Subject,Start Date,Start Time,End Date,End Time,All day event\r\n"
        "Exam,20/03/2026,00:00:00,21/03/2026,00:00:00,True\r\n"
    ).encode("cp1252")
    upload = SimpleUploadedFile("calendar.csv", data)
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert "Results: 1 of 1 session overlaps an observance" in html
    assert "Friday 20 March 2026" in html


@pytest.mark.django_db
def test_a_repeating_ics_event_is_expanded(client, calendar_page, observances):
    data = ics(("Weekly evening tutorial", D(2026, 3, 6), None))
    data = data.replace(b"END:VEVENT", b"RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT")
    upload = SimpleUploadedFile("rota.ics", data, content_type="text/calendar")
    html = client.post(checker_url(calendar_page), {"upload": upload}).content.decode()
    assert "Results: 1 of 3 sessions overlaps an observance" in html
    assert "Friday 20 March 2026</strong>" in html
    assert html.count("<br>Weekly evening tutorial") == 3


# Dates that may move


@pytest.fixture
def moon_sighted_eid(islam, judaism):
    eid = ObservanceFactory(faith=islam, name="Eid al-Fitr", work_restricted=True)
    OccurrenceFactory(observance=eid, start_date=D(2026, 3, 20), certainty=Certainty.ESTIMATED)
    pesach = ObservanceFactory(faith=judaism, name="Passover")
    OccurrenceFactory(observance=pesach, start_date=D(2026, 4, 2), end_date=D(2026, 4, 9))
    return eid


@pytest.mark.django_db
def test_the_day_after_a_moon_sighted_date_may_clash(client, calendar_page, moon_sighted_eid):
    html = client.post(
        checker_url(calendar_page), {"sessions": "2026-03-21, Exam\n2026-04-10, Viva"}
    ).content.decode()
    assert "Results: 0 of 2 sessions overlap an observance, and 1 may clash" in html
    assert (
        "<strong>May clash</strong> with Eid al-Fitr (Islam): Friday 20 March 2026. The date "
        "depends on the moon being sighted and may move one day later, to Saturday 21 March "
        "2026." in html
    )
    assert "<strong>May clash</strong>: the date depends on the moon being sighted" in html
    assert "1 that may clash" in html
    assert "No observances overlap." in html  # the day after Passover: its date is calculated


@pytest.mark.django_db
def test_a_may_clash_is_in_the_csv(client, calendar_page, moon_sighted_eid):
    response = client.post(
        f"{checker_url(calendar_page)}csv/", {"sessions": "2026-03-20\n2026-03-21, Exam"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3] == "Eid al-Fitr"
    assert rows[1][7] == "Overlaps"
    assert rows[2][:4] == ["Exam", "2026-03-21", "2026-03-21", "Eid al-Fitr"]
    assert rows[2][7] == (
        "May clash: the date depends on the moon being sighted and may move one day later"
    )
