"""The submitter follows their submission to the end: the status page says when the item made
from it is published, links to it, and says so honestly if it is taken down; one email tells
them it is published, sent by the task worker, never twice."""

from django.core import mail
from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup
from django_tasks_db.management.commands import db_worker

from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions import moderation
from goodpractice.submissions.models import EmailNotice, Submission
from goodpractice.submissions.moderation import QUALITY_TEAM

from .submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

SITE = "https://goodpractice.example.nhs.uk"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture
def quality(db):
    return make_user("quality", groups=[QUALITY_TEAM])


@pytest.fixture
def accepted(client, page, repository, quality, django_capture_on_commit_callbacks):
    submit(client, page, answers())
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.accept(submission, quality, [], "Thank you")
    submission.refresh_from_db()
    mail.outbox.clear()
    return submission


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(item):
        item = GoodPracticeItemPage.objects.get(pk=item.pk)
        with django_capture_on_commit_callbacks(execute=True):
            item.save_revision().publish()
        return GoodPracticeItemPage.objects.get(pk=item.pk)

    return publish


def status(client, page, submission):
    response = client.get(page.status_url(submission))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, " ".join(soup.select_one("main").get_text(" ").split())


def published_emails():
    return [message for message in mail.outbox if "is published" in message.subject]


def test_before_publication_the_status_page_says_it_is_being_prepared(client, page, accepted):
    soup, text = status(client, page, accepted)

    assert "preparing it for publication" in text
    assert "Published" not in text
    assert not soup.select(f'main a[href$="{accepted.item.url}"]')


def test_once_published_through_the_workflow_the_status_page_links_the_item(
    client, page, accepted, quality, django_capture_on_commit_callbacks
):
    item = accepted.item
    workflow_state = item.get_workflow().start(item, quality)
    with django_capture_on_commit_callbacks(execute=True):
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, quality, "approve")
    item.refresh_from_db()
    assert item.live

    soup, text = status(client, page, accepted)

    assert "preparing it for publication" not in text
    assert f"It is published in the repository: {item.title} ." in text
    link = soup.select_one("main p a")
    assert link.get_text() == item.title
    assert link["href"] == f"http://testserver{item.url}"
    assert soup.select_one(".nhsuk-tag").get_text() == "Published"
    today = item.first_published_at
    assert f"Published {today.day} {today:%B %Y}" in text
    assert len(published_emails()) == 1


def test_the_published_email_goes_once_with_an_absolute_link(
    client, page, accepted, publish, settings
):
    settings.WAGTAILADMIN_BASE_URL = SITE
    item = publish(accepted.item)

    (email,) = published_emails()
    assert email.to == ["ada@example.nhs.uk"]
    assert email.subject == f"Your submission {accepted.reference} is published"
    assert f"Read it at:\n{SITE}{item.url}\n" in email.body
    assert f"{SITE}{page.url}status/" in email.body
    assert "localhost" not in email.body

    publish(item)  # an edit published later
    item.unpublish()
    publish(item)  # published again after being taken down

    assert len(published_emails()) == 1
    assert accepted.email_notices.filter(kind="published").count() == 1


def test_the_worker_sends_the_published_email_once(
    client, page, accepted, publish, monkeypatch, settings
):
    # As Django's test client does for requests: the worker must not close the connection
    # that holds the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = DATABASE_QUEUE
    item = publish(accepted.item)
    assert published_emails() == []  # queued for the worker, not sent in the request
    notice = accepted.email_notices.get(kind="published")
    assert notice.status == EmailNotice.Status.QUEUED

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    publish(item)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    (email,) = published_emails()
    assert f"http://testserver{item.url}" in email.body
    notice.refresh_from_db()
    assert notice.status == EmailNotice.Status.SENT


def test_taken_down_after_publication_the_status_page_says_so(client, page, accepted, publish):
    item = publish(accepted.item)
    item.unpublish()

    soup, text = status(client, page, accepted)

    assert "has since taken it down, so it is no longer in the repository" in text
    assert soup.select_one(".nhsuk-tag").get_text() == "No longer published"
    assert not soup.select(f'main a[href$="{item.url}"]')


def test_a_published_item_deleted_later_is_reported_as_taken_down(client, page, accepted, publish):
    item = publish(accepted.item)
    item.delete()
    accepted.refresh_from_db()

    _soup, text = status(client, page, accepted)

    assert accepted.item is None
    assert "no longer in the repository" in text


def test_a_draft_deleted_before_publication_is_reported_as_not_to_be_published(
    client, page, accepted
):
    accepted.item.delete()

    _soup, text = status(client, page, accepted)

    assert "will not be published" in text
    assert "preparing it for publication" not in text


def test_an_erased_submitter_is_not_emailed_but_the_publication_is_recorded(
    client, page, accepted, publish
):
    moderation.erase(accepted)
    publish(accepted.item)

    accepted.refresh_from_db()
    assert published_emails() == []
    assert accepted.published_at is not None
    _soup, text = status(client, page, accepted)
    assert "It is published in the repository" in text


def test_publishing_an_item_made_by_hand_emails_nobody(repository, publish):
    publish(GoodPracticeItemPageFactory(parent=repository, live=False))

    assert mail.outbox == []
