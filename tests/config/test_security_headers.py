"""Every page type sends the strict headers (docs/security.md, "Headers"), runs nothing the
Content-Security-Policy would block, and an anonymous visit sets no cookie."""

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

import pytest

from calendars.factories import CalendarPageFactory, FaithPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.submissions.submission_helpers import make_submit_page

PROJECT = Path(__file__).resolve().parents[2]
PUBLIC_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self' https://assets.nhs.uk",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}
DENIED_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"}


def policy(response):
    directives = (
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return dict(directives)


def assert_strict_headers(response, url):
    assert policy(response) == PUBLIC_POLICY, url
    assert "unsafe-" not in response["Content-Security-Policy"], url
    denied = dict(feature.split("=") for feature in response["Permissions-Policy"].split(", "))
    assert set(denied) >= DENIED_FEATURES, url
    assert set(denied.values()) == {"()"}, url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["X-Frame-Options"] == "DENY", url


class InlineCode(HTMLParser):
    """What a policy without 'unsafe-inline' blocks: inline scripts, styles and handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.found.append(f"<script> without src: {attrs}")
        if tag == "style":
            self.found.append("<style>")
        if "style" in attrs:
            self.found.append(f"<{tag} style=...>")
        self.found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        if str(attrs.get("href", "")).startswith("javascript:"):
            self.found.append(f"<{tag} href=javascript:...>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def pages(home_page, repository):
    resources = ResourceIndexPageFactory(parent=home_page)
    calendar = CalendarPageFactory(parent=home_page)
    return {
        "home": home_page.url,
        "repository listing": repository.url,
        "listing filtered": f"{repository.url}?q=mentoring",
        "item": GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring").url,
        "resource": ResourcePageFactory(parent=resources).url,
        "submission form": make_submit_page(home_page).url,
        "calendar": calendar.url,
        "faith": FaithPageFactory(parent=calendar, title="Islam", slug="islam").url,
        "not found (404)": "/no-such-page/",
    }


def test_every_page_type_sends_the_strict_headers_and_runs_nothing_inline(pages):
    visitor = Client()
    for name, url in pages.items():
        response = visitor.get(url)
        assert response.status_code == (404 if "404" in name else 200), name
        assert_strict_headers(response, name)
        assert inline_code(response.content.decode()) == [], name


def test_an_editor_sees_the_userbar_under_the_same_policy(pages):
    editor = User.objects.create_superuser("editor", "editor@example.org", "password")
    client = Client()
    client.force_login(editor)
    for name in ["home", "item", "calendar"]:
        response = client.get(pages[name])
        html = response.content.decode()
        assert "wagtail-userbar" in html, name
        assert_strict_headers(response, name)
        assert inline_code(html) == [], name


def test_anonymous_pages_set_no_cookie(pages):
    for name in ["home", "repository listing", "listing filtered", "item", "calendar", "faith"]:
        response = Client().get(pages[name])
        assert response.status_code == 200, name
        assert not response.cookies, f"{name} sets {list(response.cookies)}"
        assert "csrfmiddlewaretoken" not in response.content.decode(), name


def test_only_a_page_with_a_form_to_post_sets_the_csrf_cookie(pages):
    response = Client().get(pages["submission form"])

    assert list(response.cookies) == ["csrftoken"]
    cookie = response.cookies["csrftoken"]
    assert cookie["samesite"] == "Lax"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_with_only_what_wagtail_needs(client):
    response = client.get("/admin/login/")

    admin = policy(response)
    assert "unsafe-" not in response["Content-Security-Policy"]
    assert admin["default-src"] == "'none'"
    assert admin["script-src"] == "'self'"
    assert admin["style-src"] == "'self'"
    assert admin["img-src"] == "'self' data: blob:"
    assert admin["frame-ancestors"] == "'self'"  # the editor frames its own previews
    assert admin["form-action"] == "'self'"
    assert admin["base-uri"] == "'none'"
    assert admin["object-src"] == "'none'"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def signed_image_link_and_policy(**environment):
    """A signed link to an image in the bucket, and the production policies' img-src."""
    script = (
        "import json, django; django.setup();"
        "from django.conf import settings;"
        "from django.core.files.storage import default_storage;"
        "print(json.dumps([default_storage.url('images/photo.png'),"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        " settings.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goodpractice.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "goodpractice.example.nhs.uk",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/goodpractice",
        "WAGTAILADMIN_BASE_URL": "https://goodpractice.example.nhs.uk",
        "AWS_STORAGE_BUCKET_NAME": "goodpractice-documents",
        "SUBMISSION_STORAGE_BUCKET_NAME": "goodpractice-submissions",
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        **environment,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(  # noqa: S603 (the script above, no outside input)
        [sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.example.net", "AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.example.net", "AWS_S3_ADDRESSING_STYLE": "virtual"},
    ],
)
def test_images_in_a_bucket_are_allowed_by_both_policies(environment):
    link, public, admin = signed_image_link_and_policy(**environment)

    def allows(sources):
        # A CSP host source with a path ending in / matches the paths under it.
        return any(
            link.split("?")[0].startswith(source if source.endswith("/") else f"{source}/")
            for source in sources
            if source.startswith("https://")
        )

    assert allows(public), (link, public)
    assert allows(admin), (link, admin)


@pytest.mark.django_db
def test_signed_in_editors_get_wagtails_inline_scripts_in_the_admin_only(client):
    editor = User.objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(editor)

    admin = policy(client.get("/admin/login/"))
    assert admin["script-src"] == "'self' 'unsafe-inline'"
    assert admin["style-src"] == "'self' 'unsafe-inline'"
    assert policy(client.get("/"))["script-src"] == "'self'"
    assert "unsafe-eval" not in client.get("/admin/login/")["Content-Security-Policy"]
