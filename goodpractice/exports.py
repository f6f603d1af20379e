"""CSV and JSON downloads of the current results: one row per item, stable columns.

The columns are documented in docs/search.md; add new ones at the end and never rename one,
so that people's spreadsheets and scripts keep working. Both are streamed in chunks, so a
download of the whole repository does not hold every item in memory.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

from goodpractice.search import RepositorySearch

CHUNK_SIZE = 1000
LIST_SEPARATOR = "; "
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    ("id", lambda item, url: item.pk),
    ("title", lambda item, url: item.title),
    ("url", lambda item, url: url),
    ("summary", lambda item, url: item.summary),
    ("themes", lambda item, url: [term.name for term in item.themes.all()]),
    ("regions", lambda item, url: [term.name for term in item.regions.all()]),
    ("tags", lambda item, url: sorted(tag.name for tag in item.tags.all())),
    ("audiences", lambda item, url: [term.name for term in item.audiences.all()]),
    (
        "protected_characteristics",
        lambda item, url: [term.name for term in item.protected_characteristics.all()],
    ),
    ("status", lambda item, url: item.status),
    ("evaluation", lambda item, url: item.evaluation),
    ("learners_reached", lambda item, url: item.learners_reached),
    ("date_started", lambda item, url: item.date_started),
    ("contact_organisation", lambda item, url: item.contact_organisation),
    ("first_published", lambda item, url: item.first_published_at),
    ("last_published", lambda item, url: item.last_published_at),
]
COLUMN_NAMES = [name for name, _value in COLUMNS]


def _rows(repository, request):
    search = RepositorySearch(repository, request.GET)
    base_url = repository.get_url(request)
    for item in search.export_items(CHUNK_SIZE):
        url = request.build_absolute_uri(f"{base_url}{item.slug}/")
        yield {name: value(item, url) for name, value in COLUMNS}


def _filename(extension):
    return f"good-practice-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_cell(value):
    """Text as a spreadsheet should show it, never as a formula it would run."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_response(repository, request):
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so Excel reads the file as UTF-8
        yield writer.writerow(COLUMN_NAMES)
        for row in _rows(repository, request):
            yield writer.writerow([csv_cell(row[name]) for name in COLUMN_NAMES])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _json_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def json_response(repository, request):
    def chunks():
        yield '{"columns": ' + json.dumps(COLUMN_NAMES) + ', "items": ['
        for index, row in enumerate(_rows(repository, request)):
            prefix = "," if index else ""
            yield prefix + json.dumps({key: _json_value(value) for key, value in row.items()})
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
