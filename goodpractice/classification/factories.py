from django.utils.text import slugify

import factory
from factory.django import DjangoModelFactory

from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme


class TaxonomyTermFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = factory.Faker("sentence")

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class ThemeFactory(TaxonomyTermFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme


class RegionFactory(TaxonomyTermFactory):
    name = factory.Sequence(lambda n: f"Region {n}")

    class Meta:
        model = Region


class AudienceFactory(TaxonomyTermFactory):
    name = factory.Sequence(lambda n: f"Audience {n}")

    class Meta:
        model = Audience


class ProtectedCharacteristicFactory(DjangoModelFactory):
    """The nine rows exist from a migration; this fetches one by slug."""

    slug = "race"
    name = "Race"

    class Meta:
        model = ProtectedCharacteristic
        django_get_or_create = ("slug",)
