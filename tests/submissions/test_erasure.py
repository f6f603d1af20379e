"""After the retention period a submitter's details are gone from every place they were held
(goodpractice.submissions.personal_data, docs/privacy.md); the public item keeps only what
they agreed to publish."""

import io
import json

from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.test import TestCase, override_settings

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions import moderation
from goodpractice.submissions.models import EmailNotice, Submission, SubmissionMessage
from goodpractice.submissions.moderation import QUALITY_TEAM
from tests.submissions.submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL, NAME = "grace.hopper@example.nhs.uk", "Grace Hopper"
ROLE, ORGANISATION = "Head of Compilers", "Hopper Deanery Unit"
PERSONAL = [EMAIL, NAME, ROLE, ORGANISATION]


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def dump(queryset):
    return json.dumps(list(queryset.values()), cls=DjangoJSONEncoder, default=str).casefold()


def everywhere(item):
    """Every stored copy the registry names, as one lower-case text."""
    revisions = Revision.page_revisions.filter(object_id=str(item.pk))
    return {
        "item": dump(GoodPracticeItemPage.objects.filter(pk=item.pk)),
        "revisions": dump(revisions),
        "emails": dump(EmailNotice.objects.all()),
        "task results": dump(DBTaskResult.objects.all()),
        "page log": dump(PageLogEntry.objects.all()),
        "model log": dump(ModelLogEntry.objects.all()),
        "search index": dump(IndexEntry.objects.all()),
        "submissions": dump(Submission.objects.all()),
        "messages": dump(SubmissionMessage.objects.all()),
    }


def accepted_item(client, page, repository, *, publish_details):
    """A submission with personal data, accepted and published, its email in every place the
    site kept it before consent was asked (an editor had typed it onto the item)."""
    data = answers(
        contact_name=NAME,
        contact_role=ROLE,
        contact_organisation=ORGANISATION,
        contact_email=EMAIL,
        show_contact_email="",
        show_contact_details="on" if publish_details else "",
    )
    quality = make_user("quality", groups=[QUALITY_TEAM])
    with override_settings(TASKS=DATABASE_QUEUE):
        submit(client, page, data)
        submission = Submission.objects.get()
        with TestCase.captureOnCommitCallbacks(execute=True):
            moderation.accept(submission, quality, ["useful_learning"], f"Thank you, {NAME}.")
        run_worker()
    submission.refresh_from_db()
    EmailNotice.objects.filter(submission=submission).update(last_error=f"550 {EMAIL} refused")
    item = GoodPracticeItemPage.objects.get(pk=submission.item_id)
    item.contact_email = EMAIL  # as items were before consent was asked
    item.save_revision(user=quality, log_action=True).publish(user=quality)
    log(submission, "goodpractice.submission.download", user=quality, data={"note": EMAIL})
    assert EMAIL in " ".join(everywhere(item).values())
    assert DBTaskResult.objects.exists()
    return submission, item


@pytest.mark.parametrize("publish_details", [False, True])
def test_after_the_retention_period_the_details_are_nowhere(
    client, page, repository, publish_details
):
    _, item = accepted_item(client, page, repository, publish_details=publish_details)

    out = io.StringIO()
    call_command("erase_submitter_data", "--days", "0", stdout=out)

    stores = everywhere(item)
    for kind, text in stores.items():
        assert EMAIL.casefold() not in text, kind
    published = {"item", "revisions"} if publish_details else set()
    for kind, text in stores.items():
        for value in (NAME, ROLE, ORGANISATION):
            if kind not in published:
                assert value.casefold() not in text, (kind, value)
    item.refresh_from_db()
    assert item.public_contact_email == ""
    assert (item.public_contact_name, item.public_contact_organisation) == (
        (NAME, ORGANISATION) if publish_details else ("", "")
    )
    html = client.get(item.url).content.decode()
    assert EMAIL not in html
    assert (NAME in html) == publish_details
    report = out.getvalue()
    assert "1 submission(s)" in report
    for kind in ("page revisions", "emails", "task results", "audit log entries", "submissions"):
        assert f"  {kind}: " in report
    assert "  page revisions: 0" not in report
    assert "  task results: 0" not in report


def test_a_moderators_erasure_on_request_takes_the_published_contact_too(client, page, repository):
    submission, item = accepted_item(client, page, repository, publish_details=True)
    moderation.erase(submission)
    for kind, text in everywhere(item).items():
        for value in PERSONAL:
            assert value.casefold() not in text, (kind, value)


def test_waiting_sent_back_and_quarantined_submissions_are_erased_by_the_scheduled_job(
    client, page, repository
):
    submit(client, page, answers(token="waiting", contact_email="waiting@example.nhs.uk"))
    submit(client, page, answers(token="back", contact_email="back@example.nhs.uk"))
    quality = make_user("quality", groups=[QUALITY_TEAM])
    back = Submission.objects.get(contact_email="back@example.nhs.uk")
    moderation.request_changes(back, quality, [], "Please add figures.")
    bot = answers(token="bot", contact_email="bot@example.nhs.uk", hp_confirm_7="x")
    client.post(page.url, {**bot, "action": "send"})
    assert Submission.objects.quarantined().count() == 1

    with override_settings(SUBMISSION_RETENTION_DAYS=0):
        call_command("run_scheduled_jobs", "--once", stdout=io.StringIO())

    assert Submission.objects.count() == 3
    assert not Submission.objects.exclude(contact_email="").exists()
    assert not Submission.objects.filter(personal_data_erased_at__isnull=True).exists()
    assert "@example.nhs.uk" not in dump(EmailNotice.objects.all())


def test_a_recent_undecided_submission_is_kept(client, page):
    submit(client, page, answers())
    call_command("erase_submitter_data", stdout=io.StringIO())
    assert Submission.objects.get().contact_email == "ada@example.nhs.uk"
