from django.db.models.signals import post_save
from django.dispatch import receiver

from goodpractice.repository.models import GoodPracticeIndexPage
from goodpractice.submissions.moderation import ensure_repository_workflow


@receiver(post_save, sender=GoodPracticeIndexPage)
def put_new_repository_under_quality_team_approval(sender, instance, created, raw=False, **kwargs):
    """Items reach the site only through the quality team's workflow, even on a new site."""
    if created and not raw:
        ensure_repository_workflow(instance)
