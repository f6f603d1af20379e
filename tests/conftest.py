import io
import os
from pathlib import Path

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


BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_configure(config):
    """Under pytest-xdist, a process that ran a live-server test (the browser tests: their
    database is emptied after each, and refilled before the next of them) would go on to run
    the other tests on an empty database. So in parallel the two kinds run separately."""
    if not getattr(config.option, "numprocesses", None) or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    only_browser = all(path.is_relative_to(BROWSER_TESTS) for path in paths)
    ignored = {Path(path).resolve() for path in config.getoption("ignore") or []}
    with_browser = BROWSER_TESTS not in ignored and any(
        path.is_relative_to(BROWSER_TESTS) or BROWSER_TESTS.is_relative_to(path) for path in paths
    )
    if with_browser and not only_browser:
        raise pytest.UsageError(
            "With -n, run the browser tests on their own: "
            'make test PYTEST_ARGS="-n 2 --ignore=tests/browser", then '
            'make test PYTEST_ARGS="-n 2 tests/browser"'
        )


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
