"""Files added to a form that is not sent yet: kept for that visitor only, within a quota,
and gone once the form is sent or its day is up."""

import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from goodpractice.submissions import forms
from goodpractice.submissions.models import Submission, SubmissionAttachment
from resources.builders import build_pdf

from .submission_helpers import answers, form_token, make_submit_page, submit

pytestmark = pytest.mark.django_db

PDF = build_pdf("Evidence", [("Survey", "Confidence rose")])


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


def pdf(name="evidence.pdf", data=PDF):
    return SimpleUploadedFile(name, data)


def private_files():
    root = Path(settings.SUBMISSION_PRIVATE_ROOT)
    return [path for path in root.rglob("*") if path.is_file()]


def check(client, page, data, files=()):
    return client.post(page.url, {**data, "action": "check", "attachments": list(files)})


def test_a_damaged_file_is_named_and_everything_else_is_kept(client, page):
    data = answers(title="")  # an answer missing too, so the form comes back either way
    response = check(client, page, data, [pdf(), pdf("broken.pdf", PDF[:300] + b"\0" * 50)])
    html = response.content.decode()
    assert response.status_code == 200
    assert "“broken.pdf” could not be read as a PDF: it may be damaged." in html
    assert "Save it again from the program that made it, or send a different file." in html
    assert 'value="Trainees saw discrimination' in html or "Trainees saw discrimination" in html
    assert "ada@example.nhs.uk" in html
    # The good file is held, and offered again; the damaged one is not stored.
    assert "Remove evidence.pdf" in html
    assert list(SubmissionAttachment.objects.values_list("original_name", flat=True)) == [
        "evidence.pdf"
    ]


def test_a_post_whose_files_all_fail_stores_nothing(client, page):
    before = set(private_files())
    macro = pdf("plan.pdf", b"%PDF-1.7\n" + b"\xff" * 500)
    response = check(client, page, answers(title=""), [macro, pdf("x.docx", b"PK\x03\x04junk")])
    assert "“plan.pdf”" in response.content.decode()
    assert "“x.docx”" in response.content.decode()
    assert not SubmissionAttachment.objects.exists()
    assert set(private_files()) == before


def test_a_held_file_is_offered_only_to_the_visitor_whose_form_holds_it(page):
    owner, other = Client(), Client()
    check(owner, page, answers(title="", token="owner-token"), [pdf("owner.pdf")])
    assert SubmissionAttachment.objects.get().form_token == "owner-token"

    # Another visitor's form has its own token: nothing of the owner's shows or goes with it.
    response = check(other, page, answers(title="", token="other-token"))
    assert "owner.pdf" not in response.content.decode()
    submit(other, page, answers(token="other-token"))
    assert not Submission.objects.get().attachments.exists()

    # A token with a forged signature names no holding at all: the form is treated as expired.
    forged = form_token("owner-token")[:-4] + "AAAA"
    response = check(other, page, answers(title="", form_token=forged), [pdf("new.pdf")])
    assert "The form had expired" in response.content.decode()
    assert "owner.pdf" not in response.content.decode()
    assert list(SubmissionAttachment.objects.values_list("original_name", flat=True)) == [
        "owner.pdf"
    ]


def test_sending_the_form_moves_the_held_files_into_the_submission(client, page):
    check(client, page, answers(title=""), [pdf()])
    stored = private_files()
    submit(client, page, answers())
    submission = Submission.objects.get()
    assert not SubmissionAttachment.objects.held_for("token-1").exists()
    assert submission.attachments.get().original_name == "evidence.pdf"
    assert private_files() == stored  # moved, not copied


def test_the_files_on_one_form_have_a_total_quota(client, page, monkeypatch):
    monkeypatch.setattr(forms, "MAX_HELD_BYTES", 2 * len(PDF))
    check(client, page, answers(title=""), [pdf("one.pdf"), pdf("two.pdf")])
    response = check(client, page, answers(title=""), [pdf("three.pdf")])
    html = response.content.decode()
    assert "“three.pdf” was not added: the files on one form can be" in html
    assert "Remove a file, or send a smaller one." in html
    assert SubmissionAttachment.objects.count() == 2

    # Removing a file makes room again.
    held = SubmissionAttachment.objects.get(original_name="one.pdf")
    data = {**answers(title=""), "remove_attachments": [str(held.pk)]}
    check(client, page, data, [pdf("three.pdf")])
    assert set(SubmissionAttachment.objects.values_list("original_name", flat=True)) == {
        "two.pdf",
        "three.pdf",
    }


def test_the_default_quota_is_three_files_of_the_largest_size():
    assert forms.MAX_HELD_BYTES == 3 * forms.MAX_ATTACHMENT_SIZE


def test_a_post_with_an_expired_form_holds_no_files(client, page):
    response = check(client, page, answers(title="", form_token="expired"), [pdf()])
    assert "add any files again" in response.content.decode()
    assert not SubmissionAttachment.objects.exists()


def held(name, hours_ago, **fields):
    attachment = SubmissionAttachment.objects.create(
        form_token=fields.pop("form_token", "token-1"),
        file=ContentFile(PDF, name=name),
        original_name=name,
        detected_format="pdf",
        size=len(PDF),
        **fields,
    )
    SubmissionAttachment.objects.filter(pk=attachment.pk).update(
        uploaded_at=timezone.now() - timedelta(hours=hours_ago)
    )
    attachment.refresh_from_db()
    return attachment


def test_held_files_expire_after_a_day_and_the_scheduled_job_deletes_them(page):
    old, fresh = held("old.pdf", 25), held("fresh.pdf", 1)
    sent = held("sent.pdf", 72, submission=Submission.objects.create(
        form_token="s", title="T", summary="S", problem="P", what_was_done="W", outcomes="O"
    ))  # fmt: skip
    old_path = Path(old.file.path)
    # Past its day a held file is no longer offered, even before the job runs.
    assert list(SubmissionAttachment.objects.held_for("token-1")) == [fresh]

    out = io.StringIO()
    call_command("delete_held_uploads", stdout=out)
    assert "Deleted 1 file(s)" in out.getvalue()
    assert set(SubmissionAttachment.objects.all()) == {fresh, sent}
    assert not old_path.exists()
    assert ("delete_held_uploads", 3600) in settings.SCHEDULED_JOBS
