"""The facet index's bitsets, checked against the plain definition of each."""

import random

import pytest

from goodpractice.repository.facet_index import NEWEST, TITLE, FacetIndex


def naive_mask(index, ids, order):
    positions = {pk: p for p, pk in enumerate(index.ids)}
    mask = 0
    for pk in ids:
        if pk in positions:
            p = positions[pk]
            mask |= 1 << (index.title_position[p] if order == TITLE else p)
    return mask


@pytest.mark.parametrize("order", [NEWEST, TITLE])
def test_a_searchs_matches_become_the_bitset_of_the_live_items_among_them(order):
    chance = random.Random(2026)  # noqa: S311 - made-up primary keys, the same every run
    live = chance.sample(range(1, 5000), 1500)  # primary keys, with gaps (other pages)
    title_order = chance.sample(range(len(live)), len(live))
    index = FacetIndex(
        ids=live,
        title_position=title_order,
        ids_by_title=[live[p] for p in sorted(range(len(live)), key=title_order.__getitem__)],
    )
    not_live = [pk for pk in range(1, 5000) if pk not in set(live)][:300]
    for ids in (
        chance.sample(live, 700) + not_live,  # the order of a ranking, with pages not live
        live,  # every item
        [],
        [live[0]],  # the newest item only
        [max(live) + 10, *live[:5]],  # a page newer than the index
    ):
        assert index.mask_for_ids(ids, order) == naive_mask(index, ids, order)


def test_an_empty_index_gives_an_empty_bitset():
    assert FacetIndex(ids=[], title_position=[], ids_by_title=[]).mask_for_ids([1, 2]) == 0
