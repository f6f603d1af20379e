"""Printing the calendar as people do: Chromium prints the wall planner (A4 and A3) and a faith
page to PDF with the pages' own CSS page sizes, and the PDFs are read back with pypdf."""

import io

from django.core.management import call_command
from django.utils import timezone

import pytest
from pypdf import PdfReader

from calendars.models import CalendarPage, FaithPage, Occurrence

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MM_PER_POINT = 25.4 / 72


@pytest.fixture
def calendar_url(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url + CalendarPage.objects.get().url


def print_to_pdf(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def sizes_mm(reader):
    return [
        (
            round(float(p.mediabox.width) * MM_PER_POINT),
            round(float(p.mediabox.height) * MM_PER_POINT),
        )
        for p in reader.pages
    ]


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def names_in(year, first_month=1, last_month=12):
    occurrences = Occurrence.objects.filter(
        start_date__year=year,
        start_date__month__gte=first_month,
        start_date__month__lte=last_month,
    ).select_related("observance")
    return {occurrence.observance.name for occurrence in occurrences}


def test_the_a4_planner_prints_a_landscape_page_per_half_year(page, calendar_url):
    year = timezone.localdate().year
    reader = print_to_pdf(page, f"{calendar_url}{year}/planner/")

    assert sizes_mm(reader) == [(297, 210), (297, 210)]
    first, second = (" ".join(p.extract_text().split()) for p in reader.pages)
    assert f"January to June {year}" in first
    assert f"July to December {year}" in second
    for name in names_in(year, 1, 6):
        assert name in first, name
    for name in names_in(year, 7, 12):
        assert name in second, name
    assert "(Link:" not in first + second


def test_the_a3_planner_prints_the_whole_year_on_one_landscape_page(page, calendar_url):
    year = timezone.localdate().year + 1
    reader = print_to_pdf(page, f"{calendar_url}{year}/planner/?paper=a3")

    assert sizes_mm(reader) == [(420, 297)]
    text = text_of(reader)
    assert f"January to December {year}" in text
    for name in names_in(year):
        assert name in text, name


def test_the_rotation_year_planner_prints_on_two_a4_landscape_pages(page, calendar_url):
    year = timezone.localdate().year
    reader = print_to_pdf(page, f"{calendar_url}rotation/{year}-{(year + 1) % 100:02d}/planner/")

    assert sizes_mm(reader) == [(297, 210), (297, 210)]
    text = text_of(reader)
    assert f"August {year} to January {year + 1}" in text
    assert f"February to July {year + 1}" in text


def test_the_planners_text_is_nine_points_or_more(page, calendar_url):
    year = timezone.localdate().year
    page.goto(f"{calendar_url}{year}/planner/")
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.app-planner *')]
            .filter(el => el.offsetParent !== null && el.childNodes.length
                && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(el => !el.closest('.nhsuk-u-visually-hidden'))
            .map(el => parseFloat(getComputedStyle(el).fontSize)))"""
    )
    assert smallest >= 12  # CSS pixels: 9 pt is 12 px


def test_a_faith_page_prints_portrait_without_link_addresses(page, calendar_url, live_server):
    islam = FaithPage.objects.get(slug="islam")
    reader = print_to_pdf(page, live_server.url + islam.url)

    sizes = sizes_mm(reader)
    assert sizes
    assert all(width < height for width, height in sizes)
    text = text_of(reader)
    assert "(Link:" not in text
    for name in ("Ramadan", "Eid al-Fitr", "Eid al-Adha", "Ashura"):
        assert name in text
    assert "Planning rotas and training" in text


def test_the_list_view_prints_portrait_without_link_addresses(page, calendar_url):
    year = timezone.localdate().year
    reader = print_to_pdf(page, f"{calendar_url}{year}/list/?faith=judaism")

    assert all(width < height for width, height in sizes_mm(reader))
    text = text_of(reader)
    assert "(Link:" not in text
    assert "Yom Kippur (Day of Atonement)" in text


def test_the_planner_pdf_download_is_landscape_with_the_names(page, calendar_url):
    year = timezone.localdate().year
    page.goto(f"{calendar_url}{year}/planner/?paper=a3")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the planner as a PDF (A3 landscape)").click()
    assert download.value.suggested_filename == f"multi-faith-calendar-{year}-planner-a3.pdf"
    reader = PdfReader(download.value.path())

    assert sizes_mm(reader) == [(420, 297)]
    text = text_of(reader)
    for name in names_in(year):
        assert name in text, name


def test_the_paper_size_is_chosen_without_javascript(page_without_js, calendar_url):
    page = page_without_js
    year = timezone.localdate().year
    page.goto(f"{calendar_url}{year}/planner/?faith=islam")
    page.get_by_label("A3: the whole year on one page").check()
    page.get_by_role("button", name="Show this paper size").click()
    assert "paper=a3" in page.url
    assert "faith=islam" in page.url
    assert page.get_by_role("heading", name=f"January to December {year}", exact=True).is_visible()


def test_the_calendar_opens_on_this_month(page, calendar_url):
    today = timezone.localdate()
    page.goto(calendar_url)
    assert page.get_by_role("heading", name=f"{today:%B %Y}", exact=True).is_visible()
    page.get_by_role("link", name="Next month").click()
    following = today.replace(day=1) + timezone.timedelta(days=31)
    assert page.get_by_role("heading", name=f"{following:%B %Y}", exact=True).is_visible()
