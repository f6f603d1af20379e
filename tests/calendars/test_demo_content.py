import datetime
import io

from django.core.management import call_command

from wagtail.models import Page

import pytest
from wagtailnhsukfrontend.settings.models import NavigationLink

from calendars import demo_content
from calendars.demo_content import FAITHS, OBSERVANCES
from calendars.models import CalendarPage, FaithPage, Observance, Occurrence
from goodpractice.home.demo_content import read_data

pytestmark = pytest.mark.django_db
D = datetime.date


def starts(name, year):
    return [
        o.start_date
        for o in Occurrence.objects.filter(observance__name=name, start_date__year=year)
    ]


def test_demo_has_the_seven_faith_pages_and_their_observances(demo_site):
    titles = list(FaithPage.objects.live().order_by("path").values_list("title", flat=True))
    assert titles == [
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Sikhism",
        "UK cultural events",
    ]
    assert Observance.objects.count() == len(OBSERVANCES)
    for faith in FaithPage.objects.all():
        assert faith.observances.exists(), faith.title
    assert NavigationLink.objects.filter(label="Multi-faith calendar").count() == 1


def test_demo_dates_match_published_ones_for_this_year_and_the_next_five(demo_site):
    assert starts("Easter Sunday", 2026) == [D(2026, 4, 5)]
    assert starts("Chinese New Year (Lunar New Year)", 2026) == [D(2026, 2, 17)]
    assert starts("Passover (Pesach)", 2026) == [D(2026, 4, 2)]
    assert Observance.objects.get(name="Passover (Pesach)").begins_evening_before
    (eid,) = starts("Eid al-Fitr", 2026)
    assert abs((eid - D(2026, 3, 20)).days) <= 1
    assert starts("Remembrance Sunday", 2028) == [D(2028, 11, 12)]
    years = {d.year for d in Occurrence.objects.dates("start_date", "year")}
    assert years == {2026, 2027, 2028, 2029, 2030, 2031}


def test_every_faith_has_workplace_guidance(demo_site):
    for faith in FaithPage.objects.exclude(slug="uk-cultural-events"):
        labels = [label for label, _ in faith.guidance_sections]
        assert "Planning rotas and training" in labels, faith.title
        assert "Prayer" in labels, faith.title
        assert "Diet" in labels, faith.title
    assert len(FAITHS) == 7


def test_running_it_again_keeps_editor_changes_and_adds_nothing(demo_site):
    occurrence = Occurrence.objects.filter(observance__name="Eid al-Fitr").first()
    occurrence.start_date = occurrence.end_date = occurrence.start_date + datetime.timedelta(1)
    occurrence.save()
    observance = Observance.objects.get(name="Diwali")
    observance.guidance = "Edited by an editor."
    observance.save()
    counts = (Page.objects.count(), Observance.objects.count(), Occurrence.objects.count())

    call_command("load_demo_content", stdout=io.StringIO())

    assert (Page.objects.count(), Observance.objects.count(), Occurrence.objects.count()) == counts
    corrected = Occurrence.objects.get(pk=occurrence.pk)
    assert corrected.start_date == occurrence.start_date
    assert corrected.editor_confirmed
    assert Observance.objects.get(name="Diwali").guidance == "Edited by an editor."


def test_every_calendar_url_returns_200(demo_site, client):
    calendar = CalendarPage.objects.get()
    base = calendar.url
    paths = ["", "ics/", "csv/", "rotation/", "clash-checker/"]
    for year in (2026, 2027, 2028):
        for view in ("", "list/", "planner/", "ics/", "csv/"):
            paths += [f"{year}/{view}", f"rotation/{year}-{(year + 1) % 100:02d}/{view}"]
    urls = [base + path for path in paths]
    urls += [faith.url for faith in FaithPage.objects.live()]
    urls += [f"{base}?faith=islam&impact=fasting", f"{base}2027/list/?impact=leave"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_data_file_parses_and_every_rule_is_valid():
    data = read_data(demo_content.__file__)
    assert len(data["faiths"]) == 7
    assert len(data["observances"]) == 49
    faiths = {faith["slug"] for faith in data["faiths"]}
    for spec in data["observances"]:
        assert spec["faith"] in faiths, spec["name"]
        observance = Observance(**demo_content.observance_fields(spec))
        observance.full_clean(exclude=["slug", "faith"])
