"""What every way of giving the clash checker sessions shares: the session itself, the limits,
and the result of reading one input (its sessions, its problems, notes and any question)."""

import codecs
import datetime
from dataclasses import dataclass, field

from calendars.periods import MAX_YEAR, MIN_YEAR

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_SESSIONS = 200
MAX_SESSION_DAYS = 366
MAX_ERRORS = 100  # problems reported before reading stops

YEARS_HINT = f"Enter dates from {MIN_YEAR} to {MAX_YEAR}, the years the calendar covers."


class SessionError(ValueError):
    """A problem with the planner's input, worded for them."""


@dataclass
class PlannedSession:
    start: datetime.date
    end: datetime.date
    label: str = ""
    line: int | None = None

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def as_line(self):
        """The session as one line of the typed format (how results are carried statelessly)."""
        text = self.start.isoformat()
        if self.end != self.start:
            text += f" to {self.end.isoformat()}"
        if self.label:
            text += f", {self.label}"
        return text


@dataclass
class Reading:
    """What reading one input gave.

    `notes` tell the planner about something done for them (a repeating event cut at the
    limit); `ambiguous` is an example date that could be day/month or month/day, when the
    planner has not said which (then nothing is read until they do).
    """

    sessions: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    ambiguous: str = ""


def make_session(start, end, label, line):
    for day in (start, end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise SessionError(f"{day.year} is outside the calendar. {YEARS_HINT}")
    if end < start:
        raise SessionError("the end date is before the start date.")
    if (end - start).days + 1 > MAX_SESSION_DAYS:
        raise SessionError(f"a session can be at most {MAX_SESSION_DAYS} days long.")
    return PlannedSession(start, end, label.strip()[:200], line)


def stop_reading(errors, number):
    """True, with a last message, once there are too many problems to be worth listing."""
    if len(errors) < MAX_ERRORS:
        return False
    errors.append(
        f"Stopped reading at line {number} after {MAX_ERRORS} problems. Fix these, then check "
        "again."
    )
    return True


def too_many_sessions(count, limit=MAX_SESSIONS):
    return SessionError(
        f"The file has {count} sessions. Check up to {limit} sessions at a time: split them "
        "into smaller batches, for example one term or one rotation at a time."
    )


def decode_text(data):
    """The text of an uploaded file: UTF-8 (with or without Excel's byte-order mark), UTF-16
    (Excel's 'Unicode text') or Windows-1252 (Excel's plain 'CSV'). Raises SessionError."""
    if data.startswith(b"PK\x03\x04"):
        raise SessionError(
            "The file is a spreadsheet workbook (.xlsx), not CSV text. In Excel choose "
            "File, Save As, 'CSV UTF-8 (Comma delimited)', then upload that file."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SessionError(
                "The file says it is UTF-16 text but cannot be read as it. Save it as "
                "'CSV UTF-8' and upload it again."
            ) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if b"\x00" not in data:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                pass
        raise SessionError(
            f"Line {line}: the file is not UTF-8 or Windows text (it may not be a text file "
            "at all). Save it as 'CSV UTF-8' or export it again from your calendar."
        ) from error
