"""Downloads: iCalendar (RFC 5545, built with the `icalendar` library, which handles CRLF line
endings, folding and escaping) and CSV (safe to open in a spreadsheet), served as a feed
should be: with an ETag and Last-Modified, 304 Not Modified when the client's copy is
current, and a lifetime for caches."""

import csv
import datetime
import hashlib
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

import icalendar

from goodpractice.home.spreadsheet import spreadsheet_safe

ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(days=1)
# How long a browser or proxy may keep a download without asking again.
MAX_AGE = 60 * 60


@dataclass(frozen=True)
class Download:
    """A file built once (and kept in the cache: see calendars.content_version)."""

    content: bytes
    content_type: str
    filename: str
    last_modified: datetime.datetime

    @property
    def etag(self):
        return quote_etag(hashlib.blake2b(self.content, digest_size=16).hexdigest())


def download_response(request, download):
    """The file, or 304 Not Modified for an If-None-Match or If-Modified-Since it satisfies."""
    etag = download.etag
    last_modified = int(download.last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(download.content, content_type=download.content_type)
        response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def last_changed(occurrence):
    """When the event last changed: its dates or its observance."""
    return max(occurrence.updated_at, occurrence.observance.updated_at)


def occurrence_uid(occurrence, domain):
    """Stable across downloads and recomputing: occurrences are updated in place."""
    return f"occurrence-{occurrence.pk}@{domain}"


def occurrence_summary(occurrence):
    """The event's title; calendar apps show all-day events from midnight, so it says when an
    observance that starts the evening before begins."""
    observance = occurrence.observance
    summary = f"{observance.name} ({observance.faith.title})"
    if observance.begins_evening_before:
        summary += f", begins at sunset on {occurrence.eve:%A %-d %B}"
    return summary


def occurrence_description(occurrence, page_url):
    observance = occurrence.observance
    lines = [observance.summary]
    if observance.begins_evening_before:
        lines.append(f"Begins at sunset on {occurrence.eve:%A %-d %B %Y}.")
    lines.append(f"Date: {occurrence.certainty_label}. {occurrence.certainty_explanation}")
    if observance.date_note:
        lines.append(observance.date_note)
    if occurrence.note:
        lines.append(occurrence.note)
    if observance.impacts:
        lines.append("Impact on work: " + "; ".join(i.label for i in observance.impacts) + ".")
    if observance.guidance:
        lines.append(f"Guidance: {observance.guidance}")
    if page_url:
        lines.append(f"More: {page_url}")
    return "\n\n".join(lines)


def build_icalendar(occurrences, *, name, domain, faith_urls, description=""):
    """An iCalendar document (bytes) with one all-day VEVENT per occurrence."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{domain}//Multi-faith calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL).to_ical().decode())
    for occurrence in occurrences:
        observance = occurrence.observance
        faith = observance.faith
        page_url = faith_urls.get(faith.pk, "")
        event = icalendar.Event()
        changed = last_changed(occurrence).astimezone(datetime.UTC).replace(microsecond=0)
        event.add("uid", occurrence_uid(occurrence, domain))
        event.add("dtstamp", changed)
        event.add("last-modified", changed)
        event.add("sequence", occurrence.sequence)
        event.add("dtstart", occurrence.start_date)
        # All-day events end on the day after the last day (RFC 5545 3.6.1).
        event.add("dtend", occurrence.end_date + datetime.timedelta(days=1))
        event.add("summary", occurrence_summary(occurrence))
        event.add("description", occurrence_description(occurrence, page_url))
        event.add("categories", [faith.title, *(i.label for i in observance.impacts)])
        event.add("transp", "TRANSPARENT")  # an observance does not make anyone busy
        event.add("status", "TENTATIVE" if occurrence.certainty == "estimated" else "CONFIRMED")
        if page_url:
            event.add("url", page_url)
        cal.add_component(event)
    return cal.to_ical()


def build_csv(header, rows):
    """CSV (bytes) with a byte-order mark, so that Excel opens the UTF-8 correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def csv_response(header, rows, filename):
    response = HttpResponse(build_csv(header, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


OBSERVANCE_CSV_HEADER = [
    "Observance",
    "Faith or tradition",
    "First day",
    "Last day",
    "Days",
    "Begins the evening before",
    "Impact on work",
    "Date certainty",
    "How the date can vary",
    "Summary",
    "Guidance",
    "More information",
]


def occurrence_cells(occurrence):
    """What each CSV row says first: the observance, its faith and its first and last days."""
    observance = occurrence.observance
    return [
        observance.name,
        observance.faith.title,
        occurrence.start_date.isoformat(),
        occurrence.end_date.isoformat(),
    ]


def observance_csv_rows(occurrences, faith_urls):
    for occurrence in occurrences:
        observance = occurrence.observance
        yield [
            *occurrence_cells(occurrence),
            occurrence.days,
            f"Yes, from sunset on {occurrence.eve.isoformat()}"
            if observance.begins_evening_before
            else "No",
            "; ".join(impact.label for impact in observance.impacts),
            occurrence.certainty_label,
            " ".join(filter(None, [observance.date_note, occurrence.note])),
            observance.summary,
            observance.guidance,
            faith_urls.get(observance.faith_id, ""),
        ]


CLASH_CSV_HEADER = [
    "Session",
    "Session first day",
    "Session last day",
    "Observance",
    "Faith or tradition",
    "Observance first day",
    "Observance last day",
    "Overlap",
    "Impact on work",
    "Date certainty",
    "Guidance",
]


def clash_csv_rows(results):
    """One row per clash of each planned session, or one saying that none overlaps."""
    for result in results:
        session = result.session
        base = [session.label, session.start.isoformat(), session.end.isoformat()]
        if not result.clashes:
            yield [*base, "No observances overlap", "", "", "", "", "", "", ""]
        for clash in result.clashes:
            occurrence = clash.occurrence
            observance = occurrence.observance
            yield [
                *base,
                *occurrence_cells(occurrence),
                "Evening before only" if clash.evening_before_only else "Overlaps",
                "; ".join(impact.label for impact in observance.impacts),
                occurrence.certainty_label,
                observance.guidance,
            ]
