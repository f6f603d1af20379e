"""Documents made from submitted files stay private until a page that uses them is published.

Privacy is Wagtail's own: a collection with a view restriction, which Wagtail's serve view
enforces (resources.downloads). Two collections below the root:

- "Submissions" (`AWAITING_PUBLICATION`), visible only to signed-in users: each accepted
  submission's files are copied into a collection of its own below it
  (goodpractice.submissions.moderation);
- "Good practice documents" (`PUBLISHED_ATTACHMENTS`), public.

When a page is published, the documents it uses that are still in the first move to the
second. When a page is unpublished (or deleted, which unpublishes it first), the documents it
uses that are in the second go back to the first, unless another live page still uses them.
"Uses" is Wagtail's reference index (attached documents, resource documents, document blocks
and rich-text links alike), brought up to date for the page being published or unpublished
here, since the index is otherwise updated by a background task. Documents in any other
collection (an editor's own uploads) are never moved.

Both collections are made by migration resources.0003, and again here if they are missing. Do
not rename them: a collection of the old name would be made again.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from resources.models import ResourcePageDocument

logger = logging.getLogger(__name__)

AWAITING_PUBLICATION = "Submissions"
PUBLISHED_ATTACHMENTS = "Good practice documents"


def root_child(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def awaiting_publication_collection():
    """The private collection, with its view restriction put back if someone removed it."""
    collection = root_child(AWAITING_PUBLICATION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        logger.warning("The '%s' collection had no view restriction: adding one", collection)
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def published_attachments_collection():
    return root_child(PUBLISHED_ATTACHMENTS)


def document_ids_used_by(page):
    """Ids of the documents the page uses as it is now, indexing it first."""
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(page)
    document_type = ContentType.objects.get_for_model(get_document_model())
    return {
        int(pk)
        for pk in ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=document_type)
        .values_list("to_object_id", flat=True)
    }


def used_by_another_live_page(document, page):
    referring = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(pk) for pk in referring.values_list("object_id", flat=True)} - {page.pk}
    return (
        Page.objects.filter(pk__in=page_ids, live=True).exists()
        or ResourcePageDocument.objects.filter(document=document, page__live=True)
        .exclude(page=page.pk)
        .exists()
    )


def move(documents, collection):
    for document in documents:
        document.collection = collection
        # A save, not an update: the CDN is told to forget the address (home.frontend_cache).
        document.save(update_fields=["collection"])
        logger.info("Moved document %s to the '%s' collection", document.pk, collection)


def publish_documents_of(page):
    ids = document_ids_used_by(page)
    if not ids:
        return
    awaiting = Collection.objects.filter(name=AWAITING_PUBLICATION, depth=2).first()
    if awaiting is None:
        return
    documents = get_document_model().objects.filter(
        pk__in=ids, collection__in=awaiting.get_descendants(inclusive=True)
    )
    if documents:
        move(documents, published_attachments_collection())


def withdraw_documents_of(page):
    ids = document_ids_used_by(page)
    if not ids:
        return
    published = Collection.objects.filter(name=PUBLISHED_ATTACHMENTS, depth=2).first()
    if published is None:
        return
    documents = [
        document
        for document in get_document_model().objects.filter(pk__in=ids, collection=published)
        if not used_by_another_live_page(document, page)
    ]
    if documents:
        move(documents, awaiting_publication_collection())


def page_published(sender, instance, **kwargs):
    publish_documents_of(instance)


def page_unpublished(sender, instance, **kwargs):
    withdraw_documents_of(instance)
