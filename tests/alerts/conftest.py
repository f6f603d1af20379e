import re
from datetime import timedelta

from django.utils import timezone

import pytest

from goodpractice.alerts.models import Subscription
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

LINK = re.compile(r"http://testserver/alerts/(confirm|manage|unsubscribe)/([\w-]+)/")


def links(message):
    """{"confirm": url, "manage": url, "unsubscribe": url} found in an email's body."""
    return {kind: f"/alerts/{kind}/{token}/" for kind, token in LINK.findall(message.body)}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the tasks), as production does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def publish(repository, committed):
    """Publish a new item (a real publication, so Wagtail's page_published is sent)."""

    def publish_item(title, *, themes, regions, **kwargs):
        item = GoodPracticeItemPageFactory(
            parent=repository, title=title, themes=themes, regions=regions, live=False, **kwargs
        )
        with committed():
            item.save_revision().publish()
        item.refresh_from_db()
        return item

    return publish_item


@pytest.fixture
def subscription(db):
    def make(query="theme=induction", frequency="immediate", confirmed_days_ago=1, **kwargs):
        confirmed = timezone.now() - timedelta(days=confirmed_days_ago)
        return Subscription.objects.create(
            email=kwargs.pop("email", "reader@example.nhs.uk"),
            query=query,
            frequency=frequency,
            created_at=confirmed,
            confirmed_at=confirmed,
            digest_checked_at=confirmed,
            **kwargs,
        )

    return make
