"""A CSV file's rows, kept in the page while the planner says whether its dates are day/month
or month/day, so that they need not choose the file again.

The rows travel in a hidden field, signed (django.core.signing) so that what comes back is what
the site read, and small: at most MAX_SESSIONS rows of short cells (calendars.clash_csv).
Nothing is stored on the server.
"""

from django.core import signing

from calendars.clash_csv import CsvRow
from calendars.clash_sessions import MAX_SESSIONS, SessionError

SALT = "calendars.clash-checker.kept-file"
MAX_AGE = 60 * 60  # seconds a kept file stays usable
MAX_KEPT_CHARACTERS = 200_000


def keep(name, rows):
    return signing.dumps(
        {"name": name[:100], "rows": [row.as_list() for row in rows[:MAX_SESSIONS]]},
        salt=SALT,
        compress=True,
    )


def restore(value):
    """(file name, CsvRows) from what keep() gave. Raises SessionError."""
    try:
        if len(value) > MAX_KEPT_CHARACTERS:
            raise signing.BadSignature("too long")
        kept = signing.loads(value, salt=SALT, max_age=MAX_AGE)
        rows = [CsvRow(*row) for row in kept["rows"][:MAX_SESSIONS]]
        return str(kept["name"]), rows
    except signing.SignatureExpired as error:
        raise SessionError(
            "The file you chose was kept for an hour and has expired. Choose it again."
        ) from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise SessionError("The file you chose could not be kept. Choose it again.") from error
