# The submissions first: the submission page's views import them.
from .submissions import (
    RegionModerators,
    ReviewCriterion,
    Submission,
    SubmissionAttachment,
    SubmissionMessage,
)

from .pages import SubmitGoodPracticePage  # isort: skip

__all__ = [
    "RegionModerators",
    "ReviewCriterion",
    "Submission",
    "SubmissionAttachment",
    "SubmissionMessage",
    "SubmitGoodPracticePage",
]
