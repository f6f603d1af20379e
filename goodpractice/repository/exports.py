"""CSV and JSON downloads of the current results: one row per item, stable columns.

The columns are documented in docs/search.md; add new ones at the end and never rename one,
so that people's spreadsheets and scripts keep working. Both are streamed in chunks, so a
download of the whole repository does not hold every item in memory.
"""

import csv
import json

from django.db.models import F
from django.http import StreamingHttpResponse
from django.utils import timezone

from goodpractice.home.spreadsheet import spreadsheet_safe
from goodpractice.repository.classifications import CHOICES, CLASSIFICATIONS, TAGS, TERMS
from goodpractice.repository.items import GoodPracticeItemPage, GoodPracticeItemTag
from goodpractice.repository.search import RepositorySearch

CHUNK_SIZE = 1000

# The first sixteen columns, in this order, are fixed: people's spreadsheets rely on them.
# A classification added later gets its column at the end, after them.
FIRST_CLASSIFICATION_COLUMNS = [
    "themes",
    "regions",
    "tags",
    "audiences",
    "protected_characteristics",
    "status",
    "evaluation",
]
COLUMNS = [
    "id",
    "title",
    "url",
    "summary",
    *FIRST_CLASSIFICATION_COLUMNS,
    "learners_reached",
    "date_started",
    "contact_organisation",
    "first_published",
    "last_published",
    *(c.column for c in CLASSIFICATIONS if c.column not in FIRST_CLASSIFICATION_COLUMNS),
]
ITEM_FIELDS = [
    "id",
    "title",
    "slug",
    "summary",
    *(classification.field_name for classification in CHOICES),
    "learners_reached",
    "date_started",
    "contact_organisation",
    "show_contact_details",
]
RENAMED_FIELDS = {
    "first_published": F("first_published_at"),
    "last_published": F("last_published_at"),
}


def _names_by_item(ids):
    """{column: {item id: [names]}} for the many-to-many columns, one query per relation.

    Plain values, not model instances: a download of 100,000 items stays in seconds."""
    names = {}
    for classification in TERMS:
        field_name = classification.field_name
        relation = GoodPracticeItemPage._meta.get_field(field_name)
        term = relation.m2m_reverse_field_name()
        rows = (
            relation.remote_field.through.objects.filter(
                **{f"{relation.m2m_column_name()}__in": ids}
            )
            .order_by(*(f"{term}__{order}" for order in relation.related_model._meta.ordering))
            .values_list(relation.m2m_column_name(), f"{term}__name")
        )
        grouped = names[field_name] = {}
        for item_id, name in rows:
            grouped.setdefault(item_id, []).append(name)
    tags = names[TAGS.column] = {}
    rows = GoodPracticeItemTag.objects.filter(content_object_id__in=ids).order_by("tag__name")
    for item_id, name in rows.values_list("content_object_id", "tag__name"):
        tags.setdefault(item_id, []).append(name)
    return names


def _rows(repository, request):
    """One dict per matching item, in the page's order, read CHUNK_SIZE items at a time."""
    search = RepositorySearch(repository, request.GET)
    base_url = request.build_absolute_uri(repository.get_url(request))
    for start in range(0, search.total, CHUNK_SIZE):
        ids = search.ids_in_order(start, CHUNK_SIZE)
        items = GoodPracticeItemPage.objects.live().filter(pk__in=ids)
        by_id = {row["id"]: row for row in items.values(*ITEM_FIELDS, **RENAMED_FIELDS)}
        names = _names_by_item(ids)
        for pk in ids:
            row = by_id.get(pk)
            if row is None:  # unpublished since the facet index was built
                continue
            row["url"] = f"{base_url}{row.pop('slug')}/"
            if not row.pop("show_contact_details"):  # published only with the contact's consent
                row["contact_organisation"] = ""
            for column, grouped in names.items():
                row[column] = grouped.get(pk, [])
            yield {column: row[column] for column in COLUMNS}


def _filename(extension):
    return f"good-practice-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(repository, request):
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so Excel reads the file as UTF-8
        yield writer.writerow(COLUMNS)
        for row in _rows(repository, request):
            yield writer.writerow([spreadsheet_safe(row[name]) for name in COLUMNS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _json_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def json_response(repository, request):
    def chunks():
        yield '{"columns": ' + json.dumps(COLUMNS) + ', "items": ['
        for index, row in enumerate(_rows(repository, request)):
            prefix = "," if index else ""
            yield prefix + json.dumps({key: _json_value(value) for key, value in row.items()})
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
