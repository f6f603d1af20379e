import io
import re
import zipfile

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.submissions.models import Submission, SubmissionAttachment
from resources.builders import build_docx, build_pdf

from .submission_helpers import XSS, answers, form_token, make_submit_page, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, build_pdf("Evidence", [("Survey", "Confidence rose")]))


def test_the_form_shows_guidance_criteria_privacy_notice_and_every_field(client, page):
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tell us about your initiative." in html
    assert "Useful learning" in html
    assert "We keep your details for a year." in html
    for name in ("title", "problem", "what_was_done", "outcomes", "contact_email", "attachments"):
        assert f'name="{name}"' in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_valid_submission_gets_a_reference_an_email_and_a_status_link(client, page):
    data = answers()
    response = submit(client, page, data, {"attachments": [pdf()]})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert re.fullmatch(r"GP-\d{4}-\d{4}", submission.reference)
    assert submission.attachments.get().original_name == "evidence.pdf"
    assert submission.data_protection_consent_at is not None

    sent = client.get(response.url)
    assert submission.reference in sent.content.decode()
    assert f'href="http://testserver{page.status_path(submission)}"' in sent.content.decode()
    status_url = page.status_url(submission)

    received = [m for m in mail.outbox if "ada@example.nhs.uk" in m.to]
    assert len(received) == 1
    assert submission.reference in received[0].subject
    assert status_url in received[0].body


def test_errors_are_summarised_and_everything_typed_is_kept(client, page):
    data = answers(title="", themes=[])
    response = client.post(page.url, {**data, "action": "check"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_title">Enter the title of the initiative</a>' in html
    assert '<a href="#id_themes_0">Choose at least one theme</a>' in html
    assert "Four workshops." in html  # what was typed is still there
    assert 'value="ada@example.nhs.uk"' in html
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert not Submission.objects.exists()


def test_accepted_files_are_kept_when_the_form_has_errors(client, page):
    data = answers(title="")
    response = client.post(page.url, {**data, "action": "check", "attachments": [pdf()]})
    assert "evidence.pdf" in response.content.decode()
    assert "already added" in response.content.decode()
    assert SubmissionAttachment.objects.filter(submission=None).count() == 1

    # The second post carries no file: the held one goes with the submission.
    submit(client, page, {**data, "title": "Bystander training"})
    assert Submission.objects.get().attachments.count() == 1


def test_a_held_file_can_be_removed(client, page):
    data = answers(title="")
    client.post(page.url, {**data, "action": "check", "attachments": [pdf()]})
    held = SubmissionAttachment.objects.get()
    client.post(page.url, {**data, "action": "check", "remove_attachments": [str(held.pk)]})
    assert not SubmissionAttachment.objects.exists()


def office_with_macros():
    source = zipfile.ZipFile(io.BytesIO(build_docx("Guide", [("A", "B")])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    b".main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(info.filename, content)
    return out.getvalue()


def zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not really PDF"),
        ("guide.docx", office_with_macros(), "contains macros"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
        ("bomb.docx", zip_bomb(), "far more data"),
        ("notes.txt", b"plain text", "not a file type we accept"),
    ],
)
def test_dangerous_files_are_refused_with_a_clear_message(client, page, name, content, message):
    data = answers()
    upload = SimpleUploadedFile(name, content)
    response = client.post(page.url, {**data, "action": "check", "attachments": [upload]})
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert not SubmissionAttachment.objects.exists()


def test_a_path_in_a_file_name_never_reaches_the_file_system(client, page, settings):
    upload = SimpleUploadedFile("../../../etc/evil.pdf", pdf().read())
    submit(client, page, answers(), {"attachments": [upload]})
    attachment = SubmissionAttachment.objects.get()
    assert "/" not in attachment.original_name
    assert ".." not in attachment.original_name
    assert re.fullmatch(r"submissions/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert attachment.file.path.startswith(str(settings.SUBMISSION_PRIVATE_ROOT))
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))


def test_no_more_than_five_files(client, page):
    files = [pdf(f"file{n}.pdf") for n in range(6)]
    response = client.post(page.url, {**answers(), "action": "check", "attachments": files})
    assert "you can attach up to 5 files" in response.content.decode()
    assert SubmissionAttachment.objects.count() == 5


def test_attachments_have_no_public_url(client, page):
    submit(client, page, answers(), {"attachments": [pdf()]})
    attachment = SubmissionAttachment.objects.get()
    with pytest.raises(ValueError, match="not accessible via a URL"):
        attachment.file.url  # noqa: B018
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_similar_items_are_shown_before_the_final_send(client, page, repository):
    GoodPracticeItemPageFactory(parent=repository, title="Bystander training for trainees")
    GoodPracticeItemPageFactory(parent=repository, title="Virtual café")
    response = client.post(page.url, {**answers(), "action": "check"})
    html = response.content.decode()
    assert "Is it already in the repository?" in html
    assert "Bystander training for trainees" in html
    assert "Virtual café" not in html
    assert not Submission.objects.exists()  # nothing is saved until it is sent


def test_change_your_answers_goes_back_to_the_form_with_everything_kept(client, page):
    response = client.post(page.url, {**answers(), "action": "change"})
    html = response.content.decode()
    assert 'value="Bystander training for trainers"' in html
    assert "There is a problem" not in html


def test_sending_the_same_form_twice_creates_one_submission(client, page):
    data = answers()
    first = submit(client, page, data)
    second = client.post(page.url, {**data, "action": "send"})
    assert first.url == second.url
    assert Submission.objects.count() == 1
    assert len([m for m in mail.outbox if "ada@example.nhs.uk" in m.to]) == 1


def test_two_different_forms_get_different_references(client, page):
    submit(client, page, answers(token="a"))
    theme, region = ThemeFactory(), RegionFactory()
    submit(client, page, answers(theme, region, token="b"))
    references = list(Submission.objects.values_list("reference", flat=True))
    assert len(set(references)) == 2


@pytest.mark.parametrize(("honeypot", "seconds_taken"), [("https://spam.example", 60), ("", 1)])
def test_bots_get_a_normal_looking_page_and_are_quarantined_not_queued(
    client, page, honeypot, seconds_taken, caplog
):
    data = answers(hp_confirm_7=honeypot, form_token=form_token(age=seconds_taken))
    response = client.post(page.url, {**data, "action": "send", "attachments": [pdf()]})
    assert response.status_code == 200
    assert "Submission sent" in response.content.decode()
    assert not Submission.objects.awaiting_review().exists()
    assert Submission.objects.quarantined().count() == 1  # kept for the quality team
    assert SubmissionAttachment.objects.get().submission is not None
    assert "failed the bot checks" in caplog.text
    assert not mail.outbox


def test_a_person_who_presses_continue_at_once_sees_the_errors(client, page):
    data = answers(title="", form_token=form_token(age=0))
    response = client.post(page.url, {**data, "action": "check", "attachments": [pdf()]})
    assert "There is a problem" in response.content.decode()
    assert "Submission sent" not in response.content.decode()
    assert not SubmissionAttachment.objects.exists()


def test_a_tampered_form_token_keeps_the_answers_and_asks_to_send_again(client, page):
    data = answers(form_token="forged")
    response = client.post(page.url, {**data, "action": "send"})
    assert "The form had expired" in response.content.decode()
    assert 'value="Bystander training for trainers"' in response.content.decode()
    assert not Submission.objects.exists()


@override_settings(SUBMISSION_RATE_LIMIT=3)
def test_too_many_posts_from_one_address_get_a_clear_429(client, page):
    data = answers(title="")
    for _ in range(3):
        assert client.post(page.url, {**data, "action": "check"}).status_code == 200
    response = client.post(page.url, {**data, "action": "check"}, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "Four workshops." in html  # the answers are still there
    other = client.post(page.url, {**data, "action": "check"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@override_settings(SUBMISSION_RATE_LIMIT=1, SUBMISSION_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_forwarded_address_is_limited(client, page):
    data = {**answers(title=""), "action": "check"}
    assert client.post(page.url, data, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.post(page.url, data, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 429
    assert client.post(page.url, data, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 200


def test_csrf_is_enforced(page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(page.url, {**answers(), "action": "send"})
    assert response.status_code == 403
    assert not Submission.objects.exists()


@override_settings(EMAIL_BACKEND="tests.submissions.test_submissions.BrokenEmailBackend")
def test_when_email_fails_the_submission_is_kept_and_the_failure_logged(client, page, caplog):
    response = submit(client, page, answers())
    assert response.status_code == 302
    assert Submission.objects.count() == 1
    assert "Could not send the 'received' email" in caplog.text


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_a_failed_email_is_recorded_retried_with_backoff_and_then_given_up(
    page, settings, caplog, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from goodpractice.submissions.models import EmailNotice
    from goodpractice.submissions.tasks import EmailNotSent, send_notice

    settings.EMAIL_BACKEND = "tests.submissions.test_submissions.BrokenEmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SUBMISSION_EMAIL_MAX_ATTEMPTS = 2
    submission = Submission.objects.create(
        form_token="t", title="T", summary="S", problem="P", what_was_done="W", outcomes="O"
    )
    notice = EmailNotice.objects.create(
        submission=submission, kind="received", recipients=["ada@example.nhs.uk"]
    )

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EmailNotSent):
        send_notice(notice.pk)
    notice.refresh_from_db()
    assert notice.status == EmailNotice.Status.RETRYING
    assert notice.attempts == 1
    assert "SMTP server down" in notice.last_error
    results = default_task_backend.results
    assert len(results) == 1
    assert results[0].args == [notice.pk]  # no address in the task's arguments
    assert results[0].task.run_after is not None

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EmailNotSent):
        send_notice(notice.pk)
    notice.refresh_from_db()
    assert notice.status == EmailNotice.Status.FAILED
    assert len(default_task_backend.results) == 1  # gave up after the last attempt
    assert "Gave up sending" in caplog.text


def test_a_notice_is_never_sent_twice(page, client):
    from goodpractice.submissions.models import EmailNotice
    from goodpractice.submissions.tasks import send_notice

    submit(client, page, answers())
    notice = EmailNotice.objects.get(kind="received")
    assert notice.status == EmailNotice.Status.SENT
    sent = len(mail.outbox)

    send_notice(notice.pk)  # a duplicated or late task

    assert len(mail.outbox) == sent


def test_script_in_every_field_is_shown_as_text_on_the_status_page_and_emails(client, page):
    fields = [
        "title", "summary", "problem", "what_was_done", "outcomes", "suggested_tags",
        "contact_name", "contact_role", "contact_organisation",
    ]  # fmt: skip
    data = answers(**{name: f"{name} {XSS}"[:50] for name in fields})
    data["summary"] = XSS
    check = client.post(page.url, {**data, "action": "check"})
    assert "<script>" not in check.content.decode()
    assert "&lt;script&gt;" in check.content.decode()
    submit(client, page, data)
    submission = Submission.objects.get()
    status = client.get(page.status_url(submission))
    assert status.status_code == 200
    assert "<script>" not in status.content.decode()
    assert "&lt;script&gt;" in status.content.decode()
    for message in mail.outbox:
        assert not getattr(message, "alternatives", None)  # plain text: nothing to run
        assert "\n" not in message.subject


def test_a_wrong_status_link_is_not_found(client, page):
    submit(client, page, answers())
    submission = Submission.objects.get()
    assert client.get(page.url + "status/nonsense/").status_code == 404
    forged = submission.status_key + "0" * 64
    assert client.get(page.url + f"status/{forged}/").status_code == 404
    response = client.get(page.status_url(submission))
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_the_sent_page_without_a_submission_goes_back_to_the_form(client, page):
    response = client.get(page.url + "sent/")
    assert response.status_code == 302
    assert response.url == page.url
