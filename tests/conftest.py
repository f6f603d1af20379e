import io

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

import pytest

from goodpractice.home.models import HomePage
from goodpractice.repository.factories import GoodPracticeIndexPageFactory
from tests.accounts.helpers import verified_login

USING_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if USING_POSTGRES:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/goodpractice "
        "(CI runs the suite on PostgreSQL too)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded files go to a temporary folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the facet index's version lives there)."""
    cache.clear()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, past two-step verification as every superuser must be."""
    return verified_login(client, admin_user)


@pytest.fixture
def home_page(db):
    """The home page that migration goodpractice.0003 creates on every new site."""
    return HomePage.objects.get()


@pytest.fixture
def repository(home_page):
    return GoodPracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", stdout=io.StringIO())
    return HomePage.objects.get()
