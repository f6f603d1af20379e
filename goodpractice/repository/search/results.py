"""The items a page of results shows, fetched in one query however many are shown."""

from goodpractice.repository.classifications import ON_RESULTS
from goodpractice.repository.items import GoodPracticeItemPage


def fetch_results(index, ids):
    """The live items with these ids, in this order, with what a result or a card shows, in
    one query however many items.

    Each gets `<key>_names` for the classifications shown on results (`theme_names` and
    `region_names`, read from the facet `index`), and only the columns a result, a card, a
    feed entry or an address need are read.
    """
    by_id = {item.pk: item for item in GoodPracticeItemPage.objects.for_results(ids)}
    for classification in ON_RESULTS:
        names = index.term_names_for(classification.key, by_id)
        for pk, item in by_id.items():
            setattr(item, f"{classification.key}_names", names.get(pk, []))
    return [by_id[pk] for pk in ids if pk in by_id]


class ResultList:
    """The matching items in order, as Django's Paginator wants them: a count, and slices
    that fetch only the items asked for (one query, plus the prefetches)."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.total

    def __len__(self):
        return self.search.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("ResultList only supports slices")
        start = key.start or 0
        stop = self.search.total if key.stop is None else key.stop
        return self.search.fetch(self.search.ids_in_order(start, max(0, stop - start)))
