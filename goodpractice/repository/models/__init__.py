# The items first: the repository page's views import them.
from .items import (
    RESULT_FIELDS,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
    GoodPracticeItemQuerySet,
    GoodPracticeItemTag,
)

from .pages import GoodPracticeIndexPage  # isort: skip

__all__ = [
    "RESULT_FIELDS",
    "GoodPracticeIndexPage",
    "GoodPracticeItemDocument",
    "GoodPracticeItemPage",
    "GoodPracticeItemQuerySet",
    "GoodPracticeItemTag",
]
