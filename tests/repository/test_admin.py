from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest

from goodpractice.classification.models import Region, Theme
from goodpractice.repository.models import GoodPracticeItemPage
from tests.accounts.helpers import verified_login
from tests.submissions.admin_forms import item_form_data

pytestmark = pytest.mark.django_db


def login_as_member_of(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    verified_login(client, user)
    return client


def test_editor_adds_a_theme_a_region_and_an_item_and_sees_it_on_the_site(
    client, django_user_model, repository
):
    """A member of Wagtail's Moderators group (editors who may publish), not a superuser."""
    admin_client = login_as_member_of(Client(), django_user_model, "Moderators")
    response = admin_client.post(
        reverse("wagtailsnippets_classification_theme:add"),
        {"name": "Wellbeing", "slug": "wellbeing", "description": "Looking after learners."},
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("wagtailsnippets_classification_region:add"),
        {"name": "Cumbria", "slug": "cumbria", "description": ""},
    )
    assert response.status_code == 302
    theme, region = Theme.objects.get(slug="wellbeing"), Region.objects.get(slug="cumbria")

    response = admin_client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["repository", "goodpracticeitempage", repository.pk],
        ),
        item_form_data(
            "Wellbeing walks",
            theme,
            region,
            slug="wellbeing-walks",
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    item = GoodPracticeItemPage.objects.get(title="Wellbeing walks")
    assert item.live

    listing = client.get(repository.url_for_term(theme)).content.decode()
    assert "Wellbeing walks" in listing
    page = client.get(item.url).content.decode()
    assert "Cumbria" in page
    assert "mentoring" in page


def test_an_editor_without_publish_rights_leaves_a_draft(client, django_user_model, repository):
    login_as_member_of(client, django_user_model, "Editors")
    theme, region = (
        Theme.objects.create(name="T", slug="t"),
        Region.objects.create(name="R", slug="r"),
    )
    client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["repository", "goodpracticeitempage", repository.pk],
        ),
        item_form_data("Draft idea", theme, region, slug="draft-idea", **{"action-publish": "1"}),
    )
    item = GoodPracticeItemPage.objects.get(title="Draft idea")
    assert not item.live
    client.logout()
    assert "Draft idea" not in client.get(repository.url).content.decode()


def test_admin_refuses_an_item_without_a_theme(admin_client, repository):
    theme, region = (
        Theme.objects.create(name="T", slug="t"),
        Region.objects.create(name="R", slug="r"),
    )
    response = admin_client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["repository", "goodpracticeitempage", repository.pk],
        ),
        item_form_data("No theme", theme, region, themes=[], **{"action-publish": "publish"}),
    )
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not GoodPracticeItemPage.objects.filter(title="No theme").exists()
