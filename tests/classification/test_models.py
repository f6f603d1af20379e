"""The terms items are classified by: the fixed protected characteristics and the order of
the editors' themes, regions and audiences."""

import pytest

from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme

pytestmark = pytest.mark.django_db

EQUALITY_ACT_2010 = [
    "Age",
    "Disability",
    "Gender reassignment",
    "Marriage and civil partnership",
    "Pregnancy and maternity",
    "Race",
    "Religion or belief",
    "Sex",
    "Sexual orientation",
]


def test_the_nine_protected_characteristics_exist_in_the_acts_order():
    assert [str(pc) for pc in ProtectedCharacteristic.objects.all()] == EQUALITY_ACT_2010


def test_protected_characteristics_have_address_friendly_slugs():
    slugs = list(ProtectedCharacteristic.objects.values_list("slug", flat=True))
    assert slugs == [name.lower().replace(" ", "-") for name in EQUALITY_ACT_2010]


@pytest.mark.parametrize("model", [Theme, Region, Audience], ids=lambda m: m.__name__)
def test_terms_are_ordered_by_sort_order_then_name(model):
    for name, sort_order in [("Zulu", 0), ("Mike", 2), ("Alpha", 1), ("Bravo", 0)]:
        model.objects.create(name=name, slug=name.lower(), sort_order=sort_order)
    assert [str(term) for term in model.objects.all()] == ["Bravo", "Zulu", "Alpha", "Mike"]
