"""Where an accepted submission has got to: its item being prepared, published, or taken
down since, and the item's full address for the submitter.

Read from the item itself each time, so that an item unpublished or deleted after it was
published is reported as it is. Recording the first publication (and the email it sends) is
goodpractice.submissions.moderation.item_published, on Wagtail's page_published signal.
"""

from django.conf import settings

from goodpractice.submissions.submission import Submission

PREPARING = "preparing"  # the draft item has never been published
PUBLISHED = "published"  # the item is live
TAKEN_DOWN = "taken_down"  # it was published, then unpublished or deleted
NOT_PUBLISHED = "not_published"  # the draft item was deleted before it was published


def state(submission):
    """One of the states above for an accepted submission; '' for any other."""
    if submission.status != Submission.Status.ACCEPTED:
        return ""
    item = submission.item
    if item is not None and item.live:
        return PUBLISHED
    if submission.published_at or (item is not None and item.first_published_at):
        return TAKEN_DOWN
    return NOT_PUBLISHED if item is None else PREPARING


def published_on(submission):
    """When the item was first published, if it ever was."""
    item = submission.item
    return submission.published_at or (item.first_published_at if item is not None else None)


def item_url(submission, request=None):
    """The live item's full address ('' unless it is live): at the address the request came
    to, or else the site's configured address (WAGTAILADMIN_BASE_URL), as the status link
    is (SubmitGoodPracticePage.status_url)."""
    item = submission.item
    if item is None or not item.live:
        return ""
    _site_id, _root_url, path = item.get_url_parts(request) or (None, None, None)
    if path is None:  # not under any site
        return ""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


__all__ = ["NOT_PUBLISHED", "PREPARING", "PUBLISHED", "TAKEN_DOWN", "item_url", "state"]
