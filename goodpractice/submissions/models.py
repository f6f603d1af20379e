"""The submissions app's models, where Django looks for them: the submissions and their
moderation records (submission.py) and the public submission page (pages.py). Code below the
submission page, such as its views, imports them from those modules."""

from goodpractice.submissions.notices import EmailNotice
from goodpractice.submissions.pages import SubmitGoodPracticePage
from goodpractice.submissions.submission import (
    RegionModerators,
    ReviewCriterion,
    Submission,
    SubmissionAttachment,
    SubmissionMessage,
)

__all__ = [
    "EmailNotice",
    "RegionModerators",
    "ReviewCriterion",
    "Submission",
    "SubmissionAttachment",
    "SubmissionMessage",
    "SubmitGoodPracticePage",
]
