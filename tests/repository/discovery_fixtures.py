"""Building blocks shared by the discovery tests (search, feeds, exports, coverage)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from goodpractice.classification.factories import AudienceFactory, RegionFactory
from goodpractice.classification.factories import ThemeFactory as _ThemeFactory
from goodpractice.classification.models import ProtectedCharacteristic
from goodpractice.repository.factories import GoodPracticeItemPageFactory


@pytest.fixture
def terms(db):
    """Two themes, three regions, two audiences: enough to combine facets."""
    return {
        "induction": _ThemeFactory(name="Induction", slug="induction"),
        "attainment": _ThemeFactory(name="Differential attainment", slug="attainment"),
        "wessex": RegionFactory(name="Wessex", slug="wessex"),
        "london": RegionFactory(name="London", slug="london"),
        "north-west": RegionFactory(name="North West", slug="north-west"),
        "trainers": AudienceFactory(name="Trainers", slug="trainers"),
        "imgs": AudienceFactory(name="International medical graduates", slug="imgs"),
        "race": ProtectedCharacteristic.objects.get(slug="race"),
        "disability": ProtectedCharacteristic.objects.get(slug="disability"),
    }


@pytest.fixture
def make_item(repository):
    """Create a published item; later calls are newer unless `days_ago` says otherwise."""
    counter = {"n": 0}

    def make(title, *, themes, regions, days_ago=None, audiences=(), characteristics=(), **kw):
        counter["n"] += 1
        published = timezone.now() - timedelta(
            days=days_ago if days_ago is not None else 1000 - counter["n"]
        )
        item = GoodPracticeItemPageFactory(
            parent=repository,
            title=title,
            themes=list(themes),
            regions=list(regions),
            first_published_at=published,
            last_published_at=published,
            **kw,
        )
        if audiences or characteristics:
            item.audiences.set(audiences)
            item.protected_characteristics.set(characteristics)
            item.save()
        return item

    return make
