"""Keeps search in step with the content: the text of attached documents, and the facet index.

A document's text is read in the background after upload (resources.tasks), usually after
the item that attaches it was saved and indexed; when the text arrives, those items are
indexed again so that a phrase found only inside an attached guide finds the item.

Any change that could alter what the repository lists (an item saved, published,
unpublished, moved or deleted; a term of any classification or a tag changed) marks the
facet index (goodpractice.repository.facet_index) stale.
"""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from taggit.models import Tag

from goodpractice.repository.classifications import TERMS
from goodpractice.repository.facet_index import bump_version
from goodpractice.repository.items import GoodPracticeItemPage, GoodPracticeItemTag
from resources.tasks import document_text_extracted

logger = logging.getLogger(__name__)

# Saves that only record a draft or a lock do not change what visitors see.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


@receiver(document_text_extracted)
def reindex_items_attaching(sender, document, **kwargs):
    items = GoodPracticeItemPage.objects.attaching(document)
    for item in items:
        index.insert_or_update_object(item)
        logger.info("Reindexed item %s for the text of document %s", item.pk, document.pk)
    if items:
        bump_version()  # remembered searches (repository.search.backend) are stale


@receiver(post_save, sender=GoodPracticeItemPage)
def item_saved(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    bump_version()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), GoodPracticeItemPage):
        bump_version()


def _bump(sender, **kwargs):
    bump_version()


TERM_MODELS = [classification.term_model for classification in TERMS]
for model in (GoodPracticeItemPage, *TERM_MODELS, Tag, GoodPracticeItemTag):
    post_delete.connect(_bump, sender=model, dispatch_uid=f"facet-index-delete-{model.__name__}")
for model in (*TERM_MODELS, Tag, GoodPracticeItemTag):
    post_save.connect(_bump, sender=model, dispatch_uid=f"facet-index-save-{model.__name__}")
for classification in TERMS:
    m2m_changed.connect(
        _bump,
        sender=getattr(GoodPracticeItemPage, classification.field_name).through,
        dispatch_uid=f"facet-index-m2m-{classification.field_name}",
    )
