"""Editors manage themes, regions and audiences as snippets; the protected characteristics,
fixed by law, are not editable in the admin."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification.models import ProtectedCharacteristic

pytestmark = pytest.mark.django_db

TERM_SNIPPETS = ["theme", "region", "audience"]


@pytest.fixture
def editor_client(client, django_user_model):
    """A member of Wagtail's Editors group, which gives admin access; not a superuser."""
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("model_name", TERM_SNIPPETS)
def test_an_editor_adds_a_term_and_sees_it_listed(editor_client, model_name):
    add_url = reverse(f"wagtailsnippets_classification_{model_name}:add")
    assert editor_client.get(add_url).status_code == 200

    response = editor_client.post(
        add_url,
        {"name": "Zephyr wellbeing", "slug": "zephyr-wellbeing", "description": "Fresh air."},
    )
    assert response.status_code == 302
    model = apps.get_model("classification", model_name)
    assert model.objects.filter(slug="zephyr-wellbeing", name="Zephyr wellbeing").exists()

    listing = editor_client.get(reverse(f"wagtailsnippets_classification_{model_name}:list"))
    assert listing.status_code == 200
    soup = BeautifulSoup(listing.content, "html.parser")
    assert "Zephyr wellbeing" in soup.get_text()
    assert "zephyr-wellbeing" in soup.get_text()


@pytest.mark.parametrize("view", ["list", "add"])
def test_protected_characteristics_have_no_snippet_admin(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"wagtailsnippets_classification_protectedcharacteristic:{view}")


def test_protected_characteristics_are_not_reachable_in_the_admin(admin_client):
    base = "/admin/snippets/classification/protectedcharacteristic/"
    pk = ProtectedCharacteristic.objects.get(slug="race").pk
    for url in (base, f"{base}add/", f"{base}edit/{pk}/"):
        assert admin_client.get(url).status_code == 404, url
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Protected characteristic" not in menu


def test_classification_menu_lists_themes_regions_and_audiences(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Classification", "Themes", "Regions", "Audiences"):
        assert label in html
