"""A submitted file, once accepted, is a document only signed-in users can open until the item
it belongs to is published, and again once no live page uses it; document addresses carry a
random token (resources.attachment_privacy, resources.downloads)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Collection

import pytest

from goodpractice.classification.factories import RegionFactory
from goodpractice.repository.factories import (
    GoodPracticeItemDocumentFactory,
    GoodPracticeItemPageFactory,
)
from goodpractice.repository.models import GoodPracticeItemPage
from goodpractice.submissions.models import Submission
from goodpractice.submissions.moderation import QUALITY_TEAM
from resources.attachment_privacy import (
    AWAITING_PUBLICATION,
    PUBLISHED_ATTACHMENTS,
    awaiting_publication_collection,
)
from resources.builders import build_pdf
from resources.factories import ResourceDocumentFactory, ResourcePageFactory
from tests.accounts.helpers import verified_login
from tests.config.test_frontend_cache import committed, proxy  # noqa: F401 (fixtures)
from tests.submissions.submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def quality(db):
    return make_user("quality", groups=[QUALITY_TEAM])


@pytest.fixture
def accepted_item(client, home_page, repository, quality):
    """An item made by accepting a submission with one PDF, through the form and the admin."""
    pdf = SimpleUploadedFile("evidence.pdf", build_pdf("Evidence", [("Survey", "It worked")]))
    page = make_submit_page(home_page)
    submit(client, page, answers(region=RegionFactory(name="North East")), {"attachments": [pdf]})
    client.logout()
    submission = Submission.objects.get()
    verified_login(client, quality)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("submissions:inspect", args=[submission.pk]),
            {"action": "accept", "accept-message": "Thank you", "accept-criteria": []},
        )
    assert response.status_code == 302
    client.logout()
    return GoodPracticeItemPage.objects.get()


def publish(page):
    page = page.specific_class.objects.get(pk=page.pk)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def document_of(item):
    document = item.documents.get().document
    document.refresh_from_db()
    return document


def old_address(document):
    return f"/documents/{document.pk}/{document.filename}"


def is_refused(response):
    return response.status_code in (302, 403, 404) and not getattr(response, "streaming", False)


def test_an_accepted_attachment_is_private_until_its_item_is_published(
    client, accepted_item, quality
):
    document = document_of(accepted_item)

    assert document.collection.get_parent().name == AWAITING_PUBLICATION
    assert document.collection.get_view_restrictions().exists()
    refused = client.get(document.url)
    assert refused.status_code == 302
    assert refused.url.startswith(reverse("wagtailcore_login"))
    assert client.get(old_address(document)).status_code == 404

    client.force_login(quality)
    opened = client.get(document.url)
    assert opened.status_code == 200
    assert b"".join(opened.streaming_content).startswith(b"%PDF-")
    assert "private" in opened["Cache-Control"]


def test_publishing_the_item_makes_its_attachment_public_and_unpublishing_private_again(
    client, accepted_item
):
    item = publish(accepted_item)
    document = document_of(item)

    assert document.collection.name == PUBLISHED_ATTACHMENTS
    assert not document.collection.get_view_restrictions().exists()
    response = client.get(document.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    moved = client.get(old_address(document))
    assert moved.status_code == 301
    assert moved.url == document.url

    item.unpublish()
    document.refresh_from_db()

    assert document.collection.name == AWAITING_PUBLICATION
    assert is_refused(client.get(document.url))
    assert client.get(old_address(document)).status_code == 404


def test_deleting_a_live_item_makes_its_attachment_private(client, accepted_item):
    item = publish(accepted_item)
    document = document_of(item)

    item.delete()
    document.refresh_from_db()

    assert document.collection.name == AWAITING_PUBLICATION
    assert is_refused(client.get(document.url))


def draft_item(repository, document, title):
    item = GoodPracticeItemPageFactory(parent=repository, title=title, live=False)
    GoodPracticeItemDocumentFactory(item=item, document=document)
    return item


@pytest.fixture
def submitted_document(db):
    return ResourceDocumentFactory(
        title="Survey results", collection=awaiting_publication_collection()
    )


def test_a_document_of_two_items_stays_public_while_either_is_live(
    client, repository, submitted_document
):
    first = publish(draft_item(repository, submitted_document, "Mentoring"))
    second = publish(draft_item(repository, submitted_document, "Coaching"))
    assert client.get(submitted_document.url).status_code == 200

    first.unpublish()
    assert client.get(submitted_document.url).status_code == 200

    second.unpublish()
    assert is_refused(client.get(submitted_document.url))


def test_a_document_a_live_resource_uses_stays_public(
    client, library, repository, submitted_document
):
    item = publish(draft_item(repository, submitted_document, "Mentoring"))
    resource = ResourcePageFactory(parent=library, documents=[submitted_document])
    assert resource.live

    item.unpublish()
    submitted_document.refresh_from_db()

    assert submitted_document.collection.name == PUBLISHED_ATTACHMENTS
    assert client.get(submitted_document.url).status_code == 200


def root_collection():
    return Collection.get_first_root_node()


def test_a_document_an_editor_uploaded_is_never_moved(client, repository):
    document = ResourceDocumentFactory(title="Framework", collection=root_collection())

    item = publish(draft_item(repository, document, "Mentoring"))
    document.refresh_from_db()
    assert document.collection == root_collection()
    item.unpublish()
    document.refresh_from_db()

    assert document.collection == root_collection()
    assert client.get(document.url).status_code == 200


def test_a_document_linked_from_a_live_page_body_is_published_with_it(
    client, repository, submitted_document
):
    item = GoodPracticeItemPageFactory(
        parent=repository,
        live=False,
        body=[("document", {"document": submitted_document, "text": "The survey"})],
    )

    publish(item)

    assert client.get(submitted_document.url).status_code == 200


def test_a_document_made_private_again_is_purged_from_the_cdn(
    proxy,  # noqa: F811
    committed,  # noqa: F811
    repository,
    submitted_document,
):
    item = publish(draft_item(repository, submitted_document, "Mentoring"))
    with committed():
        item.unpublish()

    assert f"http://localhost{submitted_document.url}" in proxy


def test_document_addresses_carry_a_token_that_must_match(client):
    first = ResourceDocumentFactory(title="First")
    second = ResourceDocumentFactory(title="Second")

    assert len(first.url_token) >= 16
    assert first.url == f"/documents/{first.pk}/{first.url_token}/{first.filename}"
    assert first.url.replace(str(first.pk), "", 1) != second.url.replace(str(second.pk), "", 1)
    assert client.get(first.url).status_code == 200
    wrong = first.url.replace(first.url_token, second.url_token)
    assert client.get(wrong).status_code == 404
    assert client.get(f"/documents/{first.pk}/{first.filename}").status_code == 301
    nested = f"/documents/{first.pk}/x/{first.url_token}/{first.filename}"
    assert client.get(nested).status_code == 404
