from .pages import (
    ContentPage,
    GoodPracticeIndexPage,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
    GoodPracticeItemTag,
    HomePage,
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
    "Theme",
]
