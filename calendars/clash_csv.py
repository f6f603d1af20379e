"""Sessions from CSV files as Excel, Google Sheets and calendar apps save them.

Reading is two steps: the file's rows (`csv_rows`: which cells are the dates and the label,
whatever the header calls them) and then their dates (`read_rows`), so that when the planner
is asked whether dates are day/month or month/day the rows can be kept for the answer
(calendars.clash_kept) instead of asking for the file again.
"""

import csv
import io
import re
from dataclasses import astuple, dataclass

from calendars.clash_dates import choose_order, looks_like_date, parse_date
from calendars.clash_sessions import (
    MAX_SESSIONS,
    Reading,
    SessionError,
    decode_text,
    make_session,
    stop_reading,
    too_many_sessions,
)

# Header names, best first: the site's own, Outlook's export ("Subject", "Start Date",
# "End Date", "End Time", "All day event"), Google Calendar's import format (the same, with
# "All Day Event") and what people call the columns of their own sheets.
START_HEADERS = [
    "start date",
    "start",
    "date",
    "start day",
    "first day",
    "from",
    "begins",
    "session date",
    "date of session",
    "day",
]
END_HEADERS = ["end date", "end", "end day", "last day", "to", "until", "finish"]
END_TIME_HEADERS = ["end time", "finish time"]
LABEL_HEADERS = [
    "subject",
    "title",
    "label",
    "session",
    "session name",
    "name",
    "summary",
    "event",
    "event name",
    "description",
]
MAX_CELL = 80  # characters of a date cell kept (and quoted in messages)
_MIDNIGHT = re.compile(r"(?:^|\s)(?:0?0[:.]00(?:[:.]00)?|12[:.]00(?:[:.]00)?\s*a\.?m\.?)$", re.I)


@dataclass
class CsvRow:
    line: int
    start: str
    end: str = ""
    ends_at_midnight: bool = False
    label: str = ""

    def as_list(self):
        return list(astuple(self))


def _header_name(cell):
    return " ".join(cell.lower().replace("\ufeff", "").split()).strip(" :*")


def _find(names, options):
    for option in options:
        if option in names:
            return names.index(option)
    return None


def _columns(header, number):
    names = [_header_name(cell) for cell in header]
    start = _find(names, START_HEADERS)
    if start is None:
        raise SessionError(
            f"Line {number}: the first row is neither a date nor a header naming a 'start' "
            "column. Put dates in the first column, or name the columns start, end and label "
            "(Outlook's and Google Calendar's 'Start Date', 'End Date' and 'Subject' work too)."
        )
    return {
        "start": start,
        "end": _find(names, END_HEADERS),
        "end_time": _find(names, END_TIME_HEADERS),
        "label": _find(names, LABEL_HEADERS),
    }


def _cell(cells, index):
    return cells[index] if index is not None and index < len(cells) else ""


def _dialect(text):
    try:  # spreadsheets in some locales save with semicolons or tabs
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def csv_rows(data, limit=MAX_SESSIONS):
    """The rows of a CSV file with their date and label cells. Raises SessionError for a file
    that cannot be read at all (or has more than `limit` rows of sessions)."""
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    columns = {"start": 0, "end": 1, "end_time": None, "label": 2}
    rows, first_row = [], True
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if first_row:
                first_row = False
                if not looks_like_date(cells[0]):
                    columns = _columns(cells, reader.line_num)
                    continue
            if len(rows) == limit:
                raise too_many_sessions(f"more than {limit}", limit)
            end = _cell(cells, columns["end"])[:MAX_CELL]
            end_time = _cell(cells, columns["end_time"])
            rows.append(
                CsvRow(
                    reader.line_num,
                    _cell(cells, columns["start"])[:MAX_CELL],
                    end,
                    bool(_MIDNIGHT.search(end_time or end)),
                    _cell(cells, columns["label"])[:200],
                )
            )
    except csv.Error as error:
        raise SessionError(
            f"Line {reader.line_num}: the CSV cannot be read ({error}). Save it from your "
            "spreadsheet as CSV again."
        ) from error
    return rows


def read_rows(rows, order=""):
    """Sessions from CsvRows, reading numeric dates in `order` (or the order the dates
    themselves show). Returns a Reading, which asks for the order when it cannot be told."""
    chosen, example = choose_order(
        (text for row in rows for text in (row.start, row.end) if text), order
    )
    if chosen is None:
        return Reading(ambiguous=example)
    reading = Reading()
    for row in rows:
        try:
            if not row.start:
                raise SessionError("there is no start date.")
            start = parse_date(row.start, chosen)
            end = parse_date(row.end, chosen) if row.end else start
            if row.ends_at_midnight and end > start:
                end = end.fromordinal(end.toordinal() - 1)  # an end at midnight is exclusive
            reading.sessions.append(make_session(start, end, row.label, row.line))
        except SessionError as error:
            reading.errors.append(f"Line {row.line}: {error}")
        if stop_reading(reading.errors, row.line):
            break
    return reading


def parse_csv(data, order="", limit=MAX_SESSIONS):
    """Sessions from a CSV: columns start date, end date (optional) and label (optional), with
    or without a header row. Returns a Reading."""
    return read_rows(csv_rows(data, limit), order)
