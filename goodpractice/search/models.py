"""Searches that found nothing, so that editors can add promoted results or content."""

from django.db import models
from django.db.models import F
from django.utils import timezone

from goodpractice.repository.search import clean_query_text, search_words

# A scanner can send endless distinct queries: past this many rows only those already listed
# are counted (editors can delete rows in the report to make room).
MAX_UNANSWERED_SEARCHES = 5_000


def normalise_query(text):
    """What is recorded: the cleaned query's words, lower case, one space apart."""
    cleaned, _ = clean_query_text(text)
    return " ".join(search_words(cleaned).lower().split())[:200]


class UnansweredSearchQuerySet(models.QuerySet):
    def record(self, text):
        """Count one more search for `text` that found nothing: one UPDATE when it is already
        listed; a count and an INSERT when it is new (nothing when the list is full). Only
        the words are kept, never who searched."""
        query = normalise_query(text)
        if not query:
            return
        now = timezone.now()
        if self.filter(query=query).update(count=F("count") + 1, last_searched_at=now):
            return
        if self.count() >= MAX_UNANSWERED_SEARCHES:
            return
        self.bulk_create(
            [UnansweredSearch(query=query, first_searched_at=now, last_searched_at=now)],
            ignore_conflicts=True,  # another request recorded it first: its count stands
        )


class UnansweredSearch(models.Model):
    query = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField("searches", default=1)
    first_searched_at = models.DateTimeField("first searched")
    last_searched_at = models.DateTimeField("last searched", db_index=True)

    objects = UnansweredSearchQuerySet.as_manager()

    class Meta:
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"
        ordering = ["-count", "-last_searched_at"]

    def __str__(self):
        return self.query
