"""Who must sign in with a second factor: everyone who can moderate or administer.

That is superusers; anyone holding one of TWO_FACTOR_REQUIRED_PERMISSIONS (the quality team's
submission permissions, managing users and groups); anyone who may publish pages or approve
them in a workflow; and the members of the groups named by a TWO_FACTOR_REQUIRED_GROUP_MODELS
model (region moderator groups). Editors who can only draft pages are not forced, but may enrol.
"""

from django.apps import apps
from django.conf import settings

from wagtail.models import GroupApprovalTask, GroupPagePermission


def needs_two_factor(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if any(user.has_perm(permission) for permission in settings.TWO_FACTOR_REQUIRED_PERMISSIONS):
        return True
    groups = user.groups.all()
    if GroupPagePermission.objects.filter(
        group__in=groups, permission__codename="publish_page"
    ).exists():
        return True
    if GroupApprovalTask.objects.filter(active=True, groups__in=groups).exists():
        return True
    return any(
        apps.get_model(label).objects.filter(group__in=groups).exists()
        for label in settings.TWO_FACTOR_REQUIRED_GROUP_MODELS
    )
