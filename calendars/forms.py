from django import forms
from django.conf import settings

from calendars.clash_dates import DAY_FIRST, MONTH_FIRST
from calendars.clash_kept import keep, restore
from calendars.clashes import (
    MAX_SESSIONS,
    Reading,
    SessionError,
    parse_typed,
    read_rows,
    read_upload,
)
from calendars.periods import MAX_YEAR, MIN_YEAR
from goodpractice.home.rate_limits import over_limit

# Checks an address may post in the window (each is bounded work; this stops a flood).
CLASH_CHECK_RATE_LIMIT = 30
CLASH_CHECK_RATE_LIMIT_WINDOW = 600


class LabelledRadioSelect(forms.RadioSelect):
    """Radios whose field's id is its first radio's, so the error summary links to it."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class ClashCheckForm(forms.Form):
    """Planned sessions, typed and/or uploaded. Valid data gives `cleaned_data["planned"]`.

    When numeric dates could be day/month or month/day and nothing in them says which, the form
    asks (`asks_date_order`, an error on `date_order`) and keeps a CSV file's rows in the signed
    `kept_file` field, so the answer needs no second upload.

    Given the `request`, each bound form counts as one check by its address, and more than
    CLASH_CHECK_RATE_LIMIT in CLASH_CHECK_RATE_LIMIT_WINDOW seconds are refused before any
    reading (settings of the same names override them).
    """

    sessions = forms.CharField(
        label="Dates of your planned sessions",
        required=False,
        max_length=50_000,
        error_messages={
            "max_length": f"Enter at most 50,000 characters: check up to {MAX_SESSIONS} sessions "
            "at a time."
        },
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One session a line: a date such as 2026-03-20, or a range such as "
        "2026-03-20 to 2026-03-27. Add a label after a comma if you like, for example "
        "'2026-03-20, MRCP written exam'. Dates such as 20/03/2026, 20 March 2026 and "
        f"March 20, 2026 also work. Up to {MAX_SESSIONS} sessions, from {MIN_YEAR} to "
        f"{MAX_YEAR}.",
    )
    upload = forms.FileField(
        label="Or upload a file of sessions",
        required=False,
        help_text="An iCalendar file (.ics) exported from your calendar (repeating events are "
        "included), or a CSV file: from Outlook or Google Calendar, or a spreadsheet with "
        "columns start, end and label (end and label are optional). 1 MB at most, "
        f"{MAX_SESSIONS} sessions at most.",
    )
    date_order = forms.ChoiceField(
        label="Are these dates day/month or month/day?",
        required=False,
        choices=[
            (DAY_FIRST, "Day/month, as in the UK (10/12/2026 is 10 December 2026)"),
            (MONTH_FIRST, "Month/day, as in the US (10/12/2026 is October 12, 2026)"),
        ],
        widget=LabelledRadioSelect,
    )
    kept_file = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.carried_over = 0  # sessions from a good file, moved into the text box
        self.rate_limited = False
        self.asks_date_order = False
        self.ambiguous_date = ""  # a date that could be read either way, to quote
        self.kept_file_value = ""  # the signed rows of a CSV kept while we ask
        self.kept_file_name = ""
        self.file_name = "The file"  # named in its problems
        self.notes = []  # what was done for the planner (a repeating event cut at the limit)

    @property
    def shows_date_order(self):
        return self.asks_date_order or bool(self.errors and self.data.get("date_order"))

    @property
    def only_asks_date_order(self):
        """The one thing to answer is the question of the dates' order (the page's title
        says "Question", not "Error")."""
        return self.asks_date_order and set(self.errors) == {"date_order"}

    @property
    def sessions_value(self):
        """What the text box shows again: what was typed, plus a good file's sessions when
        something else needs fixing, so that nothing the planner gave is lost."""
        if not self.is_bound:
            return self.initial.get("sessions", "")
        return getattr(self, "_sessions_value", self.data.get("sessions", ""))

    def clean(self):
        cleaned = super().clean()
        if self.request is not None and self.over_rate_limit():
            self.rate_limited = True
            minutes = self.rate_limit_window // 60
            raise forms.ValidationError(
                f"You have checked more than {self.rate_limit} times in {minutes} minutes. "
                "Wait a few minutes, then check again.",
                code="rate_limited",
            )
        text = cleaned.get("sessions") or ""
        order = cleaned.get("date_order") or ""
        typed = parse_typed(text, order)
        if typed.errors:
            self.add_error("sessions", typed.errors[:20] + _more(typed.errors, 20))
        file_reading, has_file = self.read_file(cleaned, order, len(typed.sessions))
        if file_reading.errors:
            errors = [f"{self.file_name}: {error}" for error in file_reading.errors]
            self.add_error("upload", errors[:20] + _more(errors, 20))
            file_reading.sessions = []
        self.notes = typed.notes + file_reading.notes
        ambiguous = typed.ambiguous or file_reading.ambiguous
        if ambiguous:
            self.asks_date_order = True
            self.ambiguous_date = ambiguous
            self.add_error(
                "date_order",
                f"Say whether the dates are day/month or month/day: '{ambiguous}' could be "
                "read either way.",
            )
        if file_reading.sessions and (typed.errors or typed.ambiguous):
            lines = [session.as_line() for session in file_reading.sessions]
            self._sessions_value = "\n".join(filter(None, [text.rstrip(), *lines]))
            self.carried_over = len(lines)
        if not text.strip() and not has_file and not self.errors:
            raise forms.ValidationError(
                "Enter the dates of at least one planned session, or choose a file to upload.",
                code="empty",
            )
        planned = typed.sessions + file_reading.sessions
        if len(planned) > MAX_SESSIONS:
            raise forms.ValidationError(
                f"Check up to {MAX_SESSIONS} sessions at a time. Split them into smaller "
                "batches, for example one term at a time.",
                code="too_many",
            )
        cleaned["planned"] = planned
        return cleaned

    def read_file(self, cleaned, order, typed_count):
        """(a Reading of the uploaded file, or of the one kept while we asked; whether there
        was one). Keeps a CSV's rows when its dates leave the order open."""
        upload = cleaned.get("upload")
        try:
            if upload:
                self.file_name = upload.name or self.file_name
                reading, rows = read_upload(upload, order, MAX_SESSIONS - typed_count)
            elif cleaned.get("kept_file"):
                self.file_name, rows = restore(cleaned["kept_file"])
                reading = read_rows(rows, order)
            else:
                return Reading(), False
        except SessionError as error:
            return Reading(errors=[str(error)]), True
        if reading.ambiguous:
            self.kept_file_value = keep(self.file_name, rows)
            self.kept_file_name = self.file_name
        elif not reading.errors and not reading.sessions:
            reading.errors = ["The file has no sessions in it. Check that it has dates."]
        return reading, True

    @property
    def rate_limit(self):
        return getattr(settings, "CLASH_CHECK_RATE_LIMIT", CLASH_CHECK_RATE_LIMIT)

    @property
    def rate_limit_window(self):
        return getattr(settings, "CLASH_CHECK_RATE_LIMIT_WINDOW", CLASH_CHECK_RATE_LIMIT_WINDOW)

    def over_rate_limit(self):
        return over_limit(self.request, "clash-check", self.rate_limit, self.rate_limit_window)


def _more(errors, shown):
    hidden = len(errors) - shown
    return (
        [f"And {hidden} more problem{'s' if hidden != 1 else ''} like these."] if hidden > 0 else []
    )
