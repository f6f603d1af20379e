"""A newly published item is looked for in the immediate subscribers' queries once its
publication commits (goodpractice.alerts.tasks)."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from goodpractice.alerts.tasks import alert_new_item
from goodpractice.repository.items import GoodPracticeItemPage


@receiver(page_published)
def item_published(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), GoodPracticeItemPage):
        item_id = instance.pk
        transaction.on_commit(lambda: alert_new_item.enqueue(item_id))
