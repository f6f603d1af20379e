from .pages import (
    ContentPage,
    GoodPracticeIndexPage,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
    GoodPracticeItemTag,
    HomePage,
)
from .submissions import (
    RegionModerators,
    ReviewCriterion,
    Submission,
    SubmissionAttachment,
    SubmissionMessage,
    SubmitGoodPracticePage,
)
from .taxonomy import Audience, ProtectedCharacteristic, Region, Theme

__all__ = [
    "Audience",
    "ContentPage",
    "GoodPracticeIndexPage",
    "GoodPracticeItemDocument",
    "GoodPracticeItemPage",
    "GoodPracticeItemTag",
    "HomePage",
    "ProtectedCharacteristic",
    "Region",
    "RegionModerators",
    "ReviewCriterion",
    "Submission",
    "SubmissionAttachment",
    "SubmissionMessage",
    "SubmitGoodPracticePage",
    "Theme",
]
