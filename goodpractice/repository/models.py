"""The repository's models, where Django looks for them: the items (items.py) and the
repository page (pages.py). Code below the repository page, such as its views, imports them
from those modules."""

from goodpractice.repository.items import (
    RESULT_FIELDS,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
    GoodPracticeItemQuerySet,
    GoodPracticeItemTag,
)
from goodpractice.repository.pages import GoodPracticeIndexPage

__all__ = [
    "RESULT_FIELDS",
    "GoodPracticeIndexPage",
    "GoodPracticeItemDocument",
    "GoodPracticeItemPage",
    "GoodPracticeItemQuerySet",
    "GoodPracticeItemTag",
]
