"""Shared set-up for the submission and moderation tests."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing

from wagtail.models import Page

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.submissions.forms import FORM_TOKEN_SALT
from goodpractice.submissions.models import SubmitGoodPracticePage

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_token(token="token-1", age=60):  # noqa: S107
    return signing.dumps({"token": token, "started": int(time.time()) - age}, salt=FORM_TOKEN_SALT)


def make_submit_page(home_page):
    page = SubmitGoodPracticePage(
        title="Submit good practice",
        slug="submit",
        introduction="Tell us about your initiative.",
        criteria="<ul><li>Useful learning</li></ul>",
        privacy_notice="<p>We keep your details for a year.</p>",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def answers(theme=None, region=None, token="token-1", **overrides):  # noqa: S107
    theme = theme or ThemeFactory(name="Training and development")
    region = region or RegionFactory(name="North East")
    data = {
        "form_token": form_token(token),
        "title": "Bystander training for trainers",
        "summary": "Trainers learn to step in when they see discrimination.",
        "problem": "Trainees saw discrimination and nobody acted.",
        "what_was_done": "Four workshops.\n\nFollowed by coaching.",
        "outcomes": "Confidence rose in the follow-up survey.",
        "themes": [theme.pk],
        "regions": [region.pk],
        "suggested_tags": "bystander, workshops",
        "initiative_status": "embedded",
        "evaluation": "informal",
        "learners_reached": "120",
        "contact_name": "Ada Lovelace",
        "contact_role": "Training programme director",
        "contact_organisation": "NHS England North East",
        "contact_email": "ada@example.nhs.uk",
        "show_contact_details": "on",
        "show_contact_email": "on",
        "data_protection_consent": "on",
        "hp_confirm_7": "",
    }
    data.update(overrides)
    return data


def submit(client, page, data, files=None):
    """Post the form, then confirm on the check page; return the final response.

    The test database never commits, so the emails queued on commit are run here.
    """
    from django.test import TestCase

    checked = client.post(page.url, {**data, **(files or {}), "action": "check"})
    assert checked.status_code == 200, checked.content[:2000]
    assert b"Check your answers" in checked.content, checked.content.decode()[:4000]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, {**data, "action": "send"})


def make_user(username, *, groups=(), superuser=False, admin_access=True):
    User = get_user_model()
    user = User.objects.create_user(
        username, email=f"{username}@example.nhs.uk", password="password", is_superuser=superuser
    )
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def repository_root():
    return Page.objects.get(depth=1)
