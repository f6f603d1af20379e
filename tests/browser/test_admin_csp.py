"""The Wagtail admin works under its Content-Security-Policy, and editors' public pages (with
the userbar) under the public one: Chromium reports no violation on the pages editors use."""

from django.contrib.auth.models import User
from django.test import Client

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from goodpractice.home.models import HomePage
from goodpractice.repository.factories import (
    GoodPracticeIndexPageFactory,
    GoodPracticeItemPageFactory,
)
from goodpractice.submissions.models import Submission
from resources.factories import ResourceDocumentFactory
from tests.submissions.submission_helpers import answers, make_submit_page, submit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each violation, as the page's own securitypolicyviolation event reports it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def content(transactional_db):
    home = HomePage.objects.get()
    repository = GoodPracticeIndexPageFactory(parent=home)
    item = GoodPracticeItemPageFactory(parent=repository, title="Peer mentoring")
    submit_page = make_submit_page(home)
    submit(Client(), submit_page, answers())
    ResourceDocumentFactory(title="Induction checklist")
    return {"item": item, "submission": Submission.objects.get()}


@pytest.fixture
def editor_page(browser, live_server, content):
    """A browser signed in as a verified administrator (password and second factor)."""
    user = User.objects.create_superuser("admin", "admin@example.nhs.uk", "password")
    device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    yield page
    context.close()


def violations(page):
    reported = page.evaluate("window.__violations")
    logged = [text for text in page.console_messages if any(w in text for w in POLICY_WORDS)]
    page.console_messages.clear()
    return reported + logged


def test_the_admin_pages_editors_use_run_without_a_csp_violation(editor_page, live_server, content):
    item, submission = content["item"], content["submission"]
    pages = {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{item.get_parent().pk}/",
        "item edit (StreamField)": f"/admin/pages/{item.pk}/edit/",
        "documents": "/admin/documents/",
        "images": "/admin/images/",
        "submissions": "/admin/submissions/",
        "a submission": f"/admin/submissions/inspect/{submission.pk}/",
    }
    problems = {}
    for name, path in pages.items():
        response = editor_page.goto(live_server.url + path)
        assert response.status == 200, (name, response.url)
        assert "/admin/login/" not in editor_page.url, name
        assert "default-src 'none'" in response.headers["content-security-policy"].split("; ")
        editor_page.wait_for_load_state("networkidle")
        if found := violations(editor_page):
            problems[name] = found
    assert not problems, problems


def test_the_streamfield_editor_adds_a_block_without_a_violation(editor_page, live_server, content):
    item = content["item"]
    editor_page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    editor_page.wait_for_load_state("networkidle")

    # Add a StreamField block: the editor's JavaScript builds it from its templates.
    body = editor_page.locator("[data-contentpath='body']")
    body.get_by_role("button", name="Insert a block").last.click()
    editor_page.get_by_role("option", name="Paragraph").first.click()
    assert body.locator("[data-contentpath]").count() >= 3

    editor_page.wait_for_load_state("networkidle")
    assert violations(editor_page) == []


def test_an_editor_sees_a_public_page_and_its_userbar_without_a_violation(
    editor_page, live_server, content
):
    item = content["item"]
    response = editor_page.goto(live_server.url + item.url)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    editor_page.wait_for_load_state("networkidle")
    editor_page.locator("wagtail-userbar").get_by_role("button").first.click()
    editor_page.get_by_role("menuitem", name="Edit this page").wait_for(state="visible")
    editor_page.wait_for_load_state("networkidle")
    assert violations(editor_page) == []


# The preview panel posts the form and loads its frame while the editor pings the server; on
# SQLite's shared in-memory test database those threads lock each other's tables.
@pytest.mark.postgres
def test_the_preview_panel_shows_the_page_being_edited_without_a_violation(
    editor_page, live_server, content
):
    item = content["item"]
    editor_page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    editor_page.wait_for_load_state("networkidle")
    editor_page.get_by_role("button", name="Toggle preview").click()
    preview = editor_page.frame_locator("#w-preview-iframe")
    heading = preview.get_by_role("heading", level=1)
    heading.wait_for(state="visible")
    assert heading.inner_text() == "Peer mentoring"

    # An edit shows in the preview: the admin posts the form and reloads the frame. (Typed
    # while the panel's first update is still in flight, Wagtail misses the change.)
    editor_page.wait_for_load_state("networkidle")
    title = editor_page.get_by_role("textbox", name="Title*")
    title.fill("Peer mentoring for new consultants")
    title.press("Tab")
    preview.get_by_role("heading", name="Peer mentoring for new consultants").wait_for()
    editor_page.wait_for_load_state("networkidle")
    frame = editor_page.frame(url=lambda url: "/preview/" in url)
    assert frame.evaluate("window.__violations") == []
    assert violations(editor_page) == []
