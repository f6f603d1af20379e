import datetime
from unittest import mock

import pytest

from calendars.factories import CalendarPageFactory, FaithPageFactory

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today():
    """The site's 'today' for these tests, so year views and feeds do not drift."""
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


@pytest.fixture
def calendar_page(home_page):
    return CalendarPageFactory(parent=home_page)


@pytest.fixture
def islam(calendar_page):
    return FaithPageFactory(parent=calendar_page, title="Islam", slug="islam")


@pytest.fixture
def judaism(calendar_page):
    return FaithPageFactory(parent=calendar_page, title="Judaism", slug="judaism")
