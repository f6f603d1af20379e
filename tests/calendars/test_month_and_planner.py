"""The month pages, the calendar opening on this month, and the wall planner (its page and
its PDF): what they show, and their queries pinned at two sizes."""

import datetime
import io
import itertools
from unittest import mock

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from calendars import content_version
from calendars.factories import FaithPageFactory, ObservanceFactory, OccurrenceFactory
from calendars.models import CalendarPage, Occurrence
from calendars.periods import Period
from calendars.planner import PAPERS, build_planner, faith_marks
from calendars.rules import Certainty, RuleType

pytestmark = pytest.mark.django_db
D = datetime.date
DASH = "\N{EN DASH}"  # between the parts of a page's title


def observance(**fields):
    """An observance whose dates the tests give (no rule computes any of its own)."""
    return ObservanceFactory(rule_type=RuleType.MANUAL, month=None, day=None, **fields)


@pytest.fixture
def ramadan(islam):
    return OccurrenceFactory(
        observance=observance(faith=islam, name="Ramadan", slug="ramadan", involves_fasting=True),
        start_date=D(2026, 2, 18),
        end_date=D(2026, 3, 19),
        certainty=Certainty.ESTIMATED,
    )


@pytest.fixture
def eid(islam):
    eid_al_fitr = observance(faith=islam, name="Eid al-Fitr", slug="eid-al-fitr")
    return OccurrenceFactory(observance=eid_al_fitr, start_date=D(2026, 3, 20))


@pytest.fixture
def hanukkah(judaism):
    return OccurrenceFactory(
        observance=observance(faith=judaism, name="Hanukkah", slug="hanukkah"),
        start_date=D(2026, 12, 5),
        end_date=D(2026, 12, 12),
    )


@pytest.fixture
def holi(calendar_page):
    hinduism = FaithPageFactory(parent=calendar_page, title="Hinduism", slug="hinduism")
    holi = observance(faith=hinduism, name="Holi", slug="holi")
    return OccurrenceFactory(observance=holi, start_date=D(2026, 3, 4))


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# The month page


def test_a_month_page_shows_that_months_observances(client, calendar_page, hanukkah, ramadan):
    page = soup(client.get(f"{calendar_page.url}2026/12/"))

    assert page.title.get_text().startswith(f"December 2026 {DASH} Multi-faith calendar")
    assert page.h1.get_text(" ", strip=True).endswith("December 2026")
    assert page.find("h2", id="month-2026-12").get_text() == "December 2026"
    assert page.find("h3", string="Hanukkah")
    assert "Ramadan" not in page.get_text()
    links = {
        " ".join(a.get_text().strip("←→ ").split()): a["href"]
        for a in page.find_all("a", href=True)
    }
    assert links["Previous month: November 2026"] == f"{calendar_page.url}2026/11/"
    assert links["Next month: January 2027"] == f"{calendar_page.url}2027/01/"
    assert links["The whole of 2026, month by month"] == (f"{calendar_page.url}2026/#month-2026-12")


def test_month_pages_headings_are_in_order(client, calendar_page, hanukkah):
    page = soup(client.get(f"{calendar_page.url}2026/12/"))
    levels = [int(h.name[1]) for h in page.main.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_a_month_page_carries_the_filter(client, calendar_page, hanukkah, ramadan):
    page = soup(client.get(f"{calendar_page.url}2026/03/", {"faith": "judaism"}))
    assert "Ramadan" not in page.main.get_text()
    assert page.find("a", href=f"{calendar_page.url}2026/04/?faith=judaism")
    assert "(Judaism)" in page.title.get_text()


def test_the_calendar_opens_on_this_month(client, calendar_page, hanukkah, ramadan):
    # Today is 22 November 2026 (tests/calendars/conftest.py).
    page = soup(client.get(calendar_page.url))
    assert page.find("h2", id="month-2026-11")
    assert page.title.get_text().startswith(f"November 2026 {DASH} ")
    assert not page.find("h2", id="month-2026-01")


def test_in_december_the_calendar_opens_on_december(client, calendar_page, hanukkah, settings):
    with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 12, 2)):
        page = soup(client.get(calendar_page.url))
    assert page.find("h2", id="month-2026-12")
    assert page.find("h3", string="Hanukkah")
    assert page.find("td", class_="app-month__today")


@pytest.mark.parametrize("path", ["2026/13/", "2026/0/", "1800/12/", "2076/01/"])
def test_impossible_months_are_not_found(client, calendar_page, path):
    assert client.get(f"{calendar_page.url}{path}").status_code == 404


def test_a_month_without_its_leading_zero_redirects(client, calendar_page):
    response = client.get(f"{calendar_page.url}2026/3/?faith=islam")
    assert response.status_code == 301
    assert response["Location"] == f"{calendar_page.url}2026/03/?faith=islam"


def test_the_first_and_last_months_have_one_neighbour(client, calendar_page):
    first = soup(client.get(f"{calendar_page.url}1925/01/")).get_text()
    assert "Previous month" not in first
    assert "Next month: February 1925" in " ".join(first.split())
    last = soup(client.get(f"{calendar_page.url}2075/12/")).get_text()
    assert "Next month" not in last


# The planner page


def test_the_planner_numbers_each_day_with_a_key_of_the_same_numbers(
    client, calendar_page, ramadan, eid, holi
):
    page = soup(client.get(f"{calendar_page.url}2026/planner/"))

    sheets = page.find_all("section", class_="app-wall-sheet")
    assert [s.h2.get_text() for s in sheets] == ["January to June 2026", "July to December 2026"]
    key = {
        li.strong.get_text(): li.get_text(" ", strip=True)
        for li in sheets[0].select(".app-wall-key__item")
    }
    assert key["1"] == "1 ● Ramadan (Islam) , 18 Feb to 19 Mar ≈ F"
    assert "Holi" in key["2"]
    assert "Eid al-Fitr" in key["3"]
    march = sheets[0].find_all("tr", class_="app-wall__row")[2]
    days = march.find_all("td")
    # Holi (4 March) is bold in its own box while Ramadan runs on as a band underneath.
    fourth = days[3]
    assert fourth.find("span", class_="app-wall__single").get_text(" ", strip=True) == "■ 2 Holi"
    assert fourth.find("span", class_="app-wall__band").get_text(" ", strip=True) == "● 1 Ramadan"
    assert "app-wall__band--lane-0" in fourth.find("span", class_="app-wall__band")["class"]
    assert days[19].find("span", class_="app-wall__single").get_text(" ", strip=True) == (
        "● 3 Eid al-Fitr"
    )
    assert not days[19].find("span", class_="app-wall__band")  # Ramadan ended on the 19th
    assert sheets[1].select(".app-wall-key__item") == []


def test_each_faith_has_its_own_shape_and_colour(calendar_page, islam, judaism):
    marks = faith_marks([islam, judaism])
    assert marks[islam.pk].symbol != marks[judaism.pk].symbol
    assert marks[islam.pk].css_class != marks[judaism.pk].css_class
    many = faith_marks([type("Faith", (), {"pk": n})() for n in range(10)])
    assert len({mark.text for mark in many.values()}) == 10


def test_a3_puts_the_whole_year_on_one_sheet(client, calendar_page, ramadan):
    page = soup(client.get(f"{calendar_page.url}2026/planner/", {"paper": "a3"}))
    sheets = page.find_all("section", class_="app-wall-sheet")
    assert [s.h2.get_text() for s in sheets] == ["January to December 2026"]
    assert page.find("input", id="paper-a3").has_attr("checked")
    assert page.find("div", class_="app-planner--a3")
    pdf = page.find("a", string="Download the planner as a PDF (A3 landscape)")
    assert pdf["href"] == f"{calendar_page.url}2026/planner/pdf/?paper=a3"


def test_the_rotation_year_planner_splits_august_to_january_and_february_to_july(
    client, calendar_page, islam
):
    page = soup(client.get(f"{calendar_page.url}rotation/2026-27/planner/"))
    labels = [h.get_text() for h in page.select(".app-wall-sheet__title")]
    assert labels == ["August 2026 to January 2027", "February to July 2027"]


def test_the_paper_form_keeps_the_filter(client, calendar_page, ramadan):
    page = soup(
        client.get(f"{calendar_page.url}2026/planner/", {"faith": "islam", "paper": "nope"})
    )
    form = page.find("form", class_="app-planner__paper")
    assert form["method"] == "get"
    assert form.find("input", type="hidden", attrs={"name": "faith"})["value"] == "islam"
    assert page.find("input", id="paper-a4").has_attr("checked")  # unknown sizes are A4


def test_lanes_keep_long_observances_on_their_own_lines():
    faith = type("Faith", (), {"pk": 1, "title": "Faith"})()

    def occurrence(name, start, end):
        observance = type(
            "Observance",
            (),
            {
                "name": name,
                "faith": faith,
                "faith_id": 1,
                "begins_evening_before": False,
                "involves_fasting": False,
                "work_restricted": False,
            },
        )()
        return type(
            "Occurrence",
            (),
            {
                "observance": observance,
                "start_date": start,
                "end_date": end,
                "days": (end - start).days + 1,
                "certainty_symbol": "",
            },
        )()

    planner = build_planner(
        Period.calendar_year(2026),
        [
            occurrence("Lent", D(2026, 2, 18), D(2026, 4, 4)),
            occurrence("Ramadan", D(2026, 2, 18), D(2026, 3, 19)),
            occurrence("Holi", D(2026, 3, 4), D(2026, 3, 4)),
            occurrence("Passover", D(2026, 4, 2), D(2026, 4, 9)),
        ],
        [faith],
        PAPERS["a4"],
    )
    march = planner.sheets[0].months[2]
    assert [e and e.name for e in march.days[3].lanes] == ["Lent", "Ramadan"]
    assert [e.name for e in march.days[3].singles] == ["Holi"]
    assert [e and e.name for e in march.days[25].lanes] == ["Lent", None]
    april = planner.sheets[0].months[3]
    assert [e and e.name for e in april.days[2].lanes] == ["Lent", "Passover"]
    assert march.days[30] is not None
    assert planner.sheets[0].months[1].days[28] is None  # February has 28 days


# The planner as a PDF


def test_the_planner_pdf_is_landscape_with_the_numbers_and_names(
    client, calendar_page, ramadan, eid, holi
):
    response = client.get(f"{calendar_page.url}2026/planner/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="calendar-2026-planner-a4.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    first = reader.pages[0].extract_text()
    assert "January to June 2026" in first
    for name in ("Ramadan, 18 Feb to 19 Mar", "Holi, Wed 4 Mar", "Eid al-Fitr, Fri 20 Mar"):
        assert name in first


def test_the_a3_pdf_is_one_page_and_carries_the_filter(client, calendar_page, ramadan, holi):
    response = client.get(
        f"{calendar_page.url}2026/planner/pdf/", {"paper": "a3", "faith": "hinduism"}
    )
    assert 'filename="calendar-2026-planner-a3-hinduism.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape
    text = reader.pages[0].extract_text()
    assert "Holi" in text
    assert "Ramadan" not in text


def test_the_planner_pdf_is_cached_and_answers_conditional_requests(client, calendar_page, ramadan):
    url = f"{calendar_page.url}rotation/2025-26/planner/pdf/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=3600"
    assert client.get(url).content == first.content
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    a3 = client.get(url, {"paper": "a3"})
    assert a3["ETag"] != first["ETag"]


def text_positions(page):
    """(text, x, y) of each piece of text on a PDF page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text, cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(("paper", "pages"), [("a4", 2), ("a3", 1)])
def test_the_demo_years_pdf_keeps_every_name_on_its_pages(client, paper, pages):
    call_command("load_demo_content", stdout=io.StringIO())
    calendar_page = CalendarPage.objects.get()
    response = client.get(f"{calendar_page.url}2027/planner/pdf/", {"paper": paper})
    reader = PdfReader(io.BytesIO(response.content))

    assert len(reader.pages) == pages
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    names = Occurrence.objects.filter(start_date__year=2027).values_list(
        "observance__name", flat=True
    )
    assert names
    for name in names:
        assert name in text, name
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height
        for piece, x, y in text_positions(page):
            assert 0 < x < width, piece
            assert 0 < y < height, piece


# Queries


def grow(calendar_page, start, count):
    for number in range(start, start + count):
        faith = FaithPageFactory(
            parent=calendar_page, title=f"Faith {number}", slug=f"faith-{number}"
        )
        for month in (3, 12):
            festival = observance(
                faith=faith, name=f"Festival {number}-{month}", slug=f"festival-{number}-{month}"
            )
            for year in (2025, 2026, 2027):
                start_date = datetime.date(year, month, 1 + number % 20)
                OccurrenceFactory(
                    observance=festival,
                    start_date=start_date,
                    end_date=start_date + datetime.timedelta(days=number % 3),
                )


ROUTES = [
    "",
    "2026/12/",
    "2026/03/?faith=faith-1",
    "2026/planner/",
    "2026/planner/?paper=a3",
    "rotation/2026-27/planner/?paper=a3",
    "2026/planner/pdf/",
    "2026/planner/pdf/?paper=a3&faith=faith-1",
    "rotation/2026-27/planner/pdf/",
]


def test_new_pages_make_the_same_number_of_queries_at_two_sizes(
    client, calendar_page, django_assert_num_queries
):
    """As tests/calendars/test_queries.py: none while kept (the page is found from the
    cache, goodpractice.home.routing), and the faith pages and occurrences just after a
    change (2)."""
    for size, (first, count) in {"small": (1, 2), "large": (3, 6)}.items():
        grow(calendar_page, first, count)
        for route in ROUTES:
            url = calendar_page.url + route
            client.get(url)  # warm the header and footer cache
            with django_assert_num_queries(0, info=f"{url} ({size})"):
                assert client.get(url).status_code == 200
            content_version.bump_version()
            with django_assert_num_queries(2, info=f"{url} after a change ({size})"):
                assert client.get(url).status_code == 200
