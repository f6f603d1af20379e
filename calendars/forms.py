from django import forms
from django.conf import settings

from calendars.clashes import MAX_SESSIONS, SessionError, parse_typed, read_upload
from calendars.periods import MAX_YEAR, MIN_YEAR
from goodpractice.home.rate_limits import over_limit

# Checks an address may post in the window (each is bounded work; this stops a flood).
CLASH_CHECK_RATE_LIMIT = 30
CLASH_CHECK_RATE_LIMIT_WINDOW = 600


class ClashCheckForm(forms.Form):
    """Planned sessions, typed and/or uploaded. Valid data gives `cleaned_data["planned"]`.

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
        "'2026-03-20, MRCP written exam'. Dates as 20/03/2026 also work. "
        f"Up to {MAX_SESSIONS} sessions, from {MIN_YEAR} to {MAX_YEAR}.",
    )
    upload = forms.FileField(
        label="Or upload a file of sessions",
        required=False,
        help_text="An iCalendar file (.ics) exported from your calendar, or a CSV file with "
        "columns start, end and label (end and label are optional). 1 MB at most, "
        f"{MAX_SESSIONS} sessions at most.",
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.carried_over = 0  # sessions from a good file, moved into the text box
        self.rate_limited = False

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
        upload = cleaned.get("upload")
        planned = []
        typed, typed_errors = parse_typed(text)
        if typed_errors:
            self.add_error("sessions", typed_errors[:20] + _more(typed_errors, 20))
        planned += typed
        file_sessions = []
        if upload:
            try:
                file_sessions, file_errors = read_upload(upload)
            except SessionError as error:
                file_errors = [str(error)]
            if not file_errors and not file_sessions:
                file_errors = ["The file has no sessions in it. Check that it has dates."]
            if file_errors:
                self.add_error("upload", file_errors[:20] + _more(file_errors, 20))
                file_sessions = []
            elif typed_errors:
                lines = [session.as_line() for session in file_sessions]
                self._sessions_value = "\n".join(filter(None, [text.rstrip(), *lines]))
                self.carried_over = len(lines)
            planned += file_sessions
        if not text.strip() and not upload and not self.errors:
            raise forms.ValidationError(
                "Enter the dates of at least one planned session, or choose a file to upload.",
                code="empty",
            )
        if len(planned) > MAX_SESSIONS:
            raise forms.ValidationError(
                f"Check up to {MAX_SESSIONS} sessions at a time. Split them into smaller "
                "batches, for example one term at a time.",
                code="too_many",
            )
        cleaned["planned"] = planned
        return cleaned

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
