from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage
from goodpractice.submissions.moderation import ensure_repository_workflow, item_published


@receiver(post_save, sender=GoodPracticeIndexPage)
def put_new_repository_under_quality_team_approval(sender, instance, created, raw=False, **kwargs):
    """Items reach the site only through the quality team's workflow, even on a new site."""
    if created and not raw:
        ensure_repository_workflow(instance)


@receiver(page_published, sender=GoodPracticeItemPage)
def tell_the_submitter_when_their_item_is_published(sender, instance, **kwargs):
    """However it was published: the quality team's workflow, the editor, or a schedule."""
    item_published(instance)
