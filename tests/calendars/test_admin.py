import datetime

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.models import CalendarPage, FaithPage, Observance
from calendars.rules import Certainty, HijriMonth, RuleType
from goodpractice.home.models import HomePage
from tests.accounts.helpers import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    verified_login(client, user)
    return user


def observance_form(faith, occurrences=(), initial=0, **fields):
    data = {
        "faith": faith.pk,
        "name": "Eid al-Fitr",
        "slug": "",
        "summary": "The festival at the end of Ramadan.",
        "guidance": "Plan flexible cover.",
        "work_restricted": "on",
        "rule_type": RuleType.HIJRI,
        "hijri_month": HijriMonth.SHAWWAL,
        "day": 1,
        "offset_days": 0,
        "ends": "days",
        "duration_days": 1,
        "occurrences": inline_formset(list(occurrences), initial=initial),
    }
    data.update(fields)
    return nested_form_data(data)


def test_creating_an_observance_computes_its_dates(client, editor, islam):
    url = reverse("wagtailsnippets_calendars_observance:add")
    response = client.post(url, observance_form(islam))
    assert response.status_code == 302
    observance = Observance.objects.get(slug="eid-al-fitr")
    years = [o.start_date.year for o in observance.occurrences.all()]
    assert years == [2026, 2027, 2028]


def test_rule_errors_are_shown_on_the_form(client, editor, islam):
    url = reverse("wagtailsnippets_calendars_observance:add")
    response = client.post(url, observance_form(islam, hijri_month="", day=40))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose the Islamic month, for example Shawwal." in html
    assert "Islamic months have 29 or 30 days" in html
    assert not Observance.objects.exists()


def test_an_editor_confirms_a_date_in_the_admin_and_it_is_kept(client, editor, islam):
    client.post(reverse("wagtailsnippets_calendars_observance:add"), observance_form(islam))
    observance = Observance.objects.get()
    occurrences = list(observance.occurrences.all())
    moved = occurrences[0].start_date + datetime.timedelta(days=1)
    rows = [
        {
            "id": o.pk,
            "start_date": (moved if i == 0 else o.start_date).isoformat(),
            "end_date": (moved if i == 0 else o.end_date).isoformat(),
            "note": "Announced after the moon sighting." if i == 0 else "",
        }
        for i, o in enumerate(occurrences)
    ]
    url = reverse("wagtailsnippets_calendars_observance:edit", args=[observance.pk])
    response = client.post(url, observance_form(islam, occurrences=rows, initial=len(rows)))
    assert response.status_code == 302

    corrected = observance.occurrences.get(pk=occurrences[0].pk)
    assert corrected.start_date == moved
    assert corrected.certainty == Certainty.CONFIRMED
    assert corrected.sequence == 1  # calendar apps take the new date
    assert [o.sequence for o in observance.occurrences.exclude(pk=corrected.pk)] == [0, 0]
    assert observance.occurrences.count() == 3  # recomputing kept it, added no duplicate


def test_page_types_sit_in_the_right_places(home_page):
    assert CalendarPage in list(HomePage.allowed_subpage_models())
    assert CalendarPage.allowed_parent_page_models() == [HomePage]
    assert FaithPage.allowed_parent_page_models() == [CalendarPage]
    assert CalendarPage.max_count == 1


def test_observance_listing_in_the_admin(client, editor, islam):
    client.post(reverse("wagtailsnippets_calendars_observance:add"), observance_form(islam))
    response = client.get(reverse("wagtailsnippets_calendars_observance:list"))
    html = response.content.decode()
    assert "Eid al-Fitr" in html
    assert "Islamic (Hijri) calendar date" in html
    # Today is 22 November 2026, so the next Eid al-Fitr is the 2027 one.
    next_eid = Observance.objects.get().occurrences.filter(start_date__year=2027).get()
    assert f"{next_eid.start_date:%-d %b %Y}" in html


def test_observance_listing_queries_do_not_grow(
    client, editor, islam, judaism, django_assert_num_queries
):
    url = reverse("wagtailsnippets_calendars_observance:list")

    def add_observances(count):
        for index in range(count):
            OccurrenceFactory(observance=ObservanceFactory(faith=[islam, judaism][index % 2]))

    add_observances(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_observances(20)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_manage_observances(client, django_user_model, islam, group_name):
    user = django_user_model.objects.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    verified_login(client, user)

    response = client.post(
        reverse("wagtailsnippets_calendars_observance:add"), observance_form(islam)
    )

    assert response.status_code == 302
    assert Observance.objects.get().occurrences.count() == 3
    assert "Observances" in client.get(reverse("wagtailadmin_home")).content.decode()
