import io
import os
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, WorkflowPage

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.repository.factories import (
    GoodPracticeIndexPageFactory,
    GoodPracticeItemPageFactory,
)
from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions.models import (
    RegionModerators,
    Submission,
    SubmissionAttachment,
    SubmitGoodPracticePage,
)
from goodpractice.submissions.moderation import QUALITY_TEAM
from resources.builders import build_pdf
from tests.accounts.helpers import verified_login

from .submission_helpers import XSS, answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture
def north_east():
    return RegionFactory(name="North East")


@pytest.fixture
def quality(db):
    return make_user("quality", groups=[QUALITY_TEAM])


@pytest.fixture
def submission(client, page, repository, north_east):
    pdf = SimpleUploadedFile("evidence.pdf", build_pdf("Evidence", [("Survey", "It worked")]))
    submit(client, page, answers(region=north_east), {"attachments": [pdf]})
    client.logout()
    return Submission.objects.get()


def decide(client, submission, action, **data):
    payload = {"action": action, f"{action}-message": data.get("message", "")}
    payload[f"{action}-criteria"] = data.get("criteria", [])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("submissions:inspect", args=[submission.pk]), payload)


def test_the_quality_team_exists_with_its_workflow_on_the_repository(repository):
    group = Group.objects.get(name=QUALITY_TEAM)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_submission", "moderate_submission"} <= codenames
    document_codenames = set(
        group.collection_permissions.values_list("permission__codename", flat=True)
    )
    assert {"add_document", "change_document", "choose_document"} <= document_codenames
    workflow = WorkflowPage.objects.get(page=repository).workflow
    assert workflow.name == "Quality team approval"
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [group]


def test_moderators_are_emailed_about_new_submissions(submission, quality):
    # The quality team existed only after the submission here, so check the routing directly.
    from goodpractice.submissions.moderation import moderator_emails

    assert moderator_emails(submission) == {"quality@example.nhs.uk"}
    regional = make_user("ne-mod", groups=["North East moderators"])
    RegionModerators.objects.create(
        region=submission.regions.get(), group=Group.objects.get(name="North East moderators")
    )
    assert moderator_emails(submission) == {regional.email}


def test_whole_journey_submit_accept_publish_visible(client, page, repository, north_east):
    quality = make_user("quality", groups=[QUALITY_TEAM])
    pdf = SimpleUploadedFile("evidence.pdf", build_pdf("Evidence", [("Survey", "It worked")]))
    submit(client, page, answers(region=north_east), {"attachments": [pdf]})
    submission = Submission.objects.get()
    assert quality.email in [address for m in mail.outbox for address in m.to]

    verified_login(client, quality)
    listing = client.get(reverse("submissions:index"))
    assert submission.reference in listing.content.decode()
    response = decide(client, submission, "accept", message="Thank you")
    item = GoodPracticeItemPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[item.pk])
    assert not item.live
    assert item.get_parent().specific == repository
    assert item.summary == submission.summary
    assert [b.value["text"] for b in item.body if b.block_type == "heading"] == [
        "The problem",
        "What was done",
        "Outcomes and impact",
    ]
    assert "<p>Four workshops.</p><p>Followed by coaching.</p>" in str(item.body)
    assert list(item.regions.all()) == [north_east]
    assert set(item.tags.names()) == {"bystander", "workshops"}
    assert item.learners_reached == 120
    assert item.status == "embedded"
    document = item.documents.get().document
    assert document.collection.name == submission.reference
    assert document.collection.get_parent().name == "Submissions"
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert submission.item == item
    accepted = [m for m in mail.outbox if "accepted" in m.subject]
    assert accepted
    assert "Thank you" in accepted[0].body

    # Through the quality team's workflow, then live on the site.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    assert editor.status_code == 200
    workflow = item.get_workflow()
    assert workflow.name == "Quality team approval"
    state = workflow.start(item, quality)
    state.current_task_state.task.specific.on_action(state.current_task_state, quality, "approve")
    item.refresh_from_db()
    assert item.live
    client.logout()
    public = client.get(item.url)
    assert public.status_code == 200
    assert document.title in public.content.decode()


def test_request_changes_then_the_submitter_edits_and_resubmits(client, submission, quality):
    verified_login(client, quality)
    decide(
        client,
        submission,
        "request_changes",
        criteria=["evidence_of_impact"],
        message="Add the survey figures.",
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    email = next(m for m in mail.outbox if "Changes needed" in m.subject)
    assert "Add the survey figures." in email.body
    assert "Evidence of impact" in email.body
    client.logout()

    page = SubmitGoodPracticePage.objects.get()
    status_url = page.status_url(submission)
    status = client.get(status_url)
    html = status.content.decode()
    assert "Add the survey figures." in html
    assert "Change your submission" in html
    assert 'value="Bystander training for trainers"' in html

    data = answers(
        theme=submission.themes.get(),
        region=submission.regions.get(),
        token="resubmit",
        outcomes="Confidence rose from 40% to 85%.",
    )
    check = client.post(status_url, {**data, "action": "check"})
    assert "Check your answers" in check.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(status_url, {**data, "action": "send"})
    assert sent.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.outcomes == "Confidence rose from 40% to 85%."
    assert submission.attachments.count() == 1  # the first file is still there
    assert any("sent again" in m.subject for m in mail.outbox)
    # A second post of the same form changes nothing more.
    client.post(status_url, {**data, "outcomes": "Other", "action": "send"})
    submission.refresh_from_db()
    assert submission.outcomes == "Confidence rose from 40% to 85%."


def test_reject_needs_criteria_and_a_reason(client, submission, quality):
    verified_login(client, quality)
    response = decide(client, submission, "reject")
    assert response.status_code == 200
    assert "Choose the criteria" in response.content.decode()
    submission.refresh_from_db()
    assert submission.is_waiting

    decide(client, submission, "reject", criteria=["new_or_exceeding"], message="Not new.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.decided_by == quality
    assert not GoodPracticeItemPage.objects.exists()
    # A decided submission cannot be decided again.
    again = decide(client, submission, "accept")
    assert again.status_code == 302
    assert not GoodPracticeItemPage.objects.exists()


def test_the_decision_form_groups_its_criteria_and_moves_focus_to_what_to_fix(
    client, submission, quality
):
    verified_login(client, quality)
    response = decide(client, submission, "reject")
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("input", {"name": "action", "value": "reject"}).find_parent("form")
    fieldset = form.find("fieldset")
    assert fieldset.legend.get_text(strip=True) == "Published criteria this decision refers to"
    assert len(fieldset.select("input[type=checkbox]")) >= 2
    summary = form.select_one("[role=alert]")
    assert summary.has_attr("autofocus")
    links = {a["href"]: a.get_text(" ", strip=True) for a in summary.select("a")}
    assert links["#id_reject-criteria_0"].endswith(
        "Choose the criteria the submission does not meet"
    )
    assert "#id_reject-message" in links
    assert page.find(id="id_reject-criteria_0")  # each link goes to a field that exists
    assert page.find(id="id_reject-message")
    # The other decisions' forms, not posted, show no errors.
    assert len(page.select("[role=alert][autofocus]")) == 1


def test_every_action_is_in_the_audit_log_without_personal_data(client, submission, quality):
    verified_login(client, quality)
    client.get(reverse("submissions:attachment", args=[submission.attachments.get().pk]))
    decide(client, submission, "request_changes", message="More detail")
    entries = ModelLogEntry.objects.filter(object_id=str(submission.pk))
    actions = set(entries.values_list("action", flat=True))
    assert {
        "goodpractice.submission.submit",
        "goodpractice.submission.download",
        "goodpractice.submission.changes_requested",
    } <= actions
    for entry in entries:
        assert entry.label == submission.reference
        assert "Ada" not in str(entry.data)
        assert "ada@" not in str(entry.data)
    history = client.get(reverse("submissions:history", args=[submission.pk]))
    assert history.status_code == 200
    assert "Changes requested from the submitter" in history.content.decode()


def test_moderators_download_attachments_safely(client, submission, quality):
    verified_login(client, quality)
    attachment = submission.attachments.get()
    response = client.get(reverse("submissions:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert 'filename="evidence.pdf"' in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "can_see"),
    [("anonymous", False), ("editor", False), ("quality", True), ("region", True),
     ("other_region", False), ("superuser", True)],
)  # fmt: skip
def test_permission_matrix_on_every_submission_url(client, submission, role, can_see):
    north_east = submission.regions.get()
    other = RegionFactory(name="Wessex")
    RegionModerators.objects.create(
        region=north_east, group=Group.objects.get_or_create(name="NE moderators")[0]
    )
    RegionModerators.objects.create(
        region=other, group=Group.objects.get_or_create(name="Wessex moderators")[0]
    )
    users = {
        "editor": lambda: make_user("editor", groups=["Editors"]),
        "quality": lambda: make_user("quality", groups=[QUALITY_TEAM]),
        "region": lambda: make_user("ne", groups=["NE moderators"]),
        "other_region": lambda: make_user("wx", groups=["Wessex moderators"]),
        "superuser": lambda: make_user("root", superuser=True),
    }
    if role != "anonymous":
        verified_login(client, users[role]())
    attachment = submission.attachments.get()
    urls = [
        reverse("submissions:index"),
        reverse("submissions:inspect", args=[submission.pk]),
        reverse("submissions:history", args=[submission.pk]),
        reverse("submissions:attachment", args=[attachment.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if can_see:
            assert response.status_code == 200, url
        elif role == "other_region" and url == urls[0]:
            # Their own regions' listing, without this submission.
            assert submission.reference not in response.content.decode()
        else:
            assert response.status_code in (302, 403, 404), url
    post = decide(client, submission, "reject", criteria=["plain_english"], message="No")
    submission.refresh_from_db()
    assert (submission.status == Submission.Status.REJECTED) == can_see, post
    dashboard = client.get(reverse("wagtailadmin_home"))
    if role in ("quality", "region", "other_region", "superuser"):
        assert "waiting for review" in dashboard.content.decode()
    elif role != "anonymous":
        assert "waiting for review" not in dashboard.content.decode()


def test_script_in_every_field_is_escaped_in_the_admin(client, page, quality, repository):
    fields = ["title", "summary", "problem", "what_was_done", "outcomes", "suggested_tags",
              "contact_name", "contact_role", "contact_organisation"]  # fmt: skip
    data = answers(**dict.fromkeys(fields, XSS[:50]))
    submit(client, page, data)
    submission = Submission.objects.get()
    verified_login(client, quality)
    for url in (
        reverse("submissions:index"),
        reverse("submissions:inspect", args=[submission.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html
    for message in mail.outbox:
        assert not getattr(message, "alternatives", None)
    decide(client, submission, "accept")
    item = GoodPracticeItemPage.objects.get()
    assert "<script>" not in str(item.body)
    assert "&lt;script&gt;" in str(item.body)


def test_listing_filters_search_and_menu_count(client, page, quality, repository):
    wessex, theme = RegionFactory(name="Wessex"), ThemeFactory(name="Forums")
    submit(client, page, answers(token="a"))
    submit(client, page, answers(theme, wessex, token="b", title="Virtual café for trainees"))
    verified_login(client, quality)
    index = reverse("submissions:index")
    assert (
        "Virtual café"
        not in client.get(index, {"region": RegionFactory(name="North East").pk}).content.decode()
    )
    assert "Virtual café" in client.get(index, {"region": wessex.pk}).content.decode()
    assert "Bystander" not in client.get(index, {"q": "café"}).content.decode()
    assert "Virtual café" not in client.get(index, {"status": "accepted"}).content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Submissions (2)" in home


def test_listing_queries_do_not_grow_with_rows(
    client, page, quality, django_assert_max_num_queries
):
    for n in range(6):
        submit(client, page, answers(token=f"t{n}", title=f"Initiative {n}"))
    verified_login(client, quality)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("submissions:index"))
    assert response.status_code == 200


def test_possible_duplicates_are_shown_to_moderators(client, submission, quality, repository):
    GoodPracticeItemPageFactory(parent=repository, title="Bystander training for trainees")
    verified_login(client, quality)
    html = client.get(reverse("submissions:inspect", args=[submission.pk])).content.decode()
    assert "Possible duplicates" in html
    assert "Bystander training for trainees" in html


def test_a_moderator_can_erase_one_submitters_details(client, submission, quality):
    verified_login(client, quality)
    url = reverse("submissions:inspect", args=[submission.pk])
    client.post(url, {"action": "erase"})
    submission.refresh_from_db()
    assert submission.contact_email  # not confirmed: nothing erased
    client.post(url, {"action": "erase", "confirm_erase": "1"})
    submission.refresh_from_db()
    assert submission.contact_email == ""
    assert submission.contact_name == ""
    assert submission.personal_data_erased_at is not None
    assert "were erased" in client.get(url).content.decode()


def test_the_command_erases_old_decided_submissions_only(client, submission, quality):
    verified_login(client, quality)
    decide(client, submission, "reject", criteria=["plain_english"], message="No")
    Submission.objects.filter(pk=submission.pk).update(
        decided_at=timezone.now() - timedelta(days=400)
    )
    path = submission.attachments.get().file.path
    waiting = Submission.objects.create(
        form_token="w", title="T", summary="S", problem="P", what_was_done="W", outcomes="O",
        contact_email="keep@example.nhs.uk",
    )  # fmt: skip
    out = io.StringIO()
    call_command("erase_submitter_data", "--days", "365", stdout=out)
    submission.refresh_from_db()
    waiting.refresh_from_db()
    assert submission.contact_email == ""
    assert not SubmissionAttachment.objects.filter(submission=submission).exists()
    assert not os.path.exists(path)
    assert waiting.contact_email == "keep@example.nhs.uk"
    assert "1 submission(s)" in out.getvalue()


def test_dashboard_panel_figures(client, submission, quality):
    verified_login(client, quality)
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.now() - timedelta(days=4)
    )
    decide(client, submission, "reject", criteria=["plain_english"], message="No")
    stats = Submission.objects.statistics()
    assert stats["waiting"] == 0
    assert stats["median_days_to_decision"] == pytest.approx(4, abs=0.1)
    assert ("North East", 1) in stats["by_region"]
    assert ("Not accepted", 1) in stats["by_outcome"]
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Median time to a decision: 4.0 days" in html


def test_a_repository_made_later_gets_the_quality_team_workflow(home_page):
    with TestCase.captureOnCommitCallbacks(execute=True):
        repository = GoodPracticeIndexPageFactory(parent=home_page)
    assert WorkflowPage.objects.get(page=repository).workflow.name == "Quality team approval"
