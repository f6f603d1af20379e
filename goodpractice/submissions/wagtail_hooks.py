"""The quality team's admin: the Submissions area, region moderator groups, the audit log's
submission actions and the dashboard panel."""

from django.urls import reverse

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from goodpractice.submissions.admin_views import (
    DashboardPanel,
    QuarantineMenuItem,
    SubmissionViewSet,
    permission_policy,
)
from goodpractice.submissions.models import RegionModerators, Submission

register_permission_policy(Submission, permission_policy)


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return SubmissionViewSet()


@hooks.register("register_admin_menu_item")
def register_quarantine_menu_item():
    return QuarantineMenuItem(
        "Quarantined submissions",
        reverse("submissions:quarantine"),
        name="quarantined-submissions",
        icon_name="warning",
        order=SubmissionViewSet.menu_order + 1,
    )


class RegionModeratorsViewSet(SnippetViewSet):
    model = RegionModerators
    icon = "group"
    menu_label = "Region moderators"
    add_to_settings_menu = True
    list_display = ["region", "group"]


register_snippet(RegionModeratorsViewSet)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    for action, label, message in (
        ("submit", "Submit", "Submitted through the public form"),
        ("resubmit", "Resubmit", "Resubmitted with changes by the submitter"),
        ("accepted", "Accept", "Accepted: a draft item was created"),
        ("changes_requested", "Request changes", "Changes requested from the submitter"),
        ("rejected", "Reject", "Not accepted"),
        ("published", "Item published", "The item made from it was published for the first time"),
        ("erase", "Erase personal data", "The submitter's personal data was erased"),
        ("quarantine", "Quarantine", "Held back: it failed the bot checks"),
        ("release", "Release from quarantine", "Released to the moderation queue"),
        ("delete", "Delete from quarantine", "Deleted from quarantine as spam"),
        ("download", "Download attachment", "An attachment was downloaded"),
    ):
        actions.register_action(f"goodpractice.submission.{action}", label, message)


@hooks.register("construct_homepage_panels")
def add_submissions_panel(request, panels):
    if permission_policy.user_has_permission(request.user, "view"):
        panels.append(DashboardPanel(request))
