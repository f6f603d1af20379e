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


def made_up_index(seed):
    """An index of 1,500 live items with primary keys below 5,000, with gaps (other pages),
    its chance (the same every run) and 300 primary keys of pages that are not live."""
    chance = random.Random(seed)  # noqa: S311 - made-up primary keys
    live = chance.sample(range(1, 5000), 1500)
    title_order = chance.sample(range(len(live)), len(live))
    index = FacetIndex(
        ids=live,
        title_position=title_order,
        ids_by_title=[live[p] for p in sorted(range(len(live)), key=title_order.__getitem__)],
    )
    not_live = [pk for pk in range(1, 5000) if pk not in set(live)][:300]
    return index, chance, live, not_live


@pytest.mark.parametrize("order", [NEWEST, TITLE])
def test_a_searchs_matches_become_the_bitset_of_the_live_items_among_them(order):
    index, chance, live, not_live = made_up_index(2026)
    for ids in (
        chance.sample(live, 700) + not_live,  # the order of a ranking, with pages not live
        live,  # every item
        [],
        [live[0]],  # the newest item only
        [max(live) + 10, *live[:5]],  # a page newer than the index
    ):
        assert index.mask_for_ids(ids, order) == naive_mask(index, ids, order)


def flags_for(ids, length):
    """What PostgreSQL's bitsets of a word give (backend._flags): b"1" at each matching pk."""
    flags = bytearray(b"0" * length)
    for pk in ids:
        flags[pk] = ord("1")
    return flags


@pytest.mark.parametrize("order", [NEWEST, TITLE])
def test_a_words_flags_by_primary_key_become_the_same_bitset(order):
    index, chance, live, not_live = made_up_index(2027)
    for ids, length in (
        (chance.sample(live, 700) + not_live, 5120),  # chunks past the highest item
        (live, max(live) + 1),  # every item; flags end at the highest pk
        ([], 0),  # a word of other pages only: no chunk at all
        ([live[0]], live[0] + 1),
        ([max(live)], 1024),  # flags that end before the highest item: it is not a match
        (live[:5], 1024),
    ):
        ids = [pk for pk in ids if pk < length]
        assert index.mask_for_flags(flags_for(ids, length), order) == naive_mask(index, ids, order)


def test_an_index_of_one_item_reads_its_own_flag():
    index = FacetIndex(ids=[7], title_position=[0], ids_by_title=[7])
    assert index.mask_for_flags(flags_for([7], 1024)) == 1
    assert index.mask_for_flags(flags_for([6], 1024)) == 0
    assert index.mask_for_flags(flags_for([], 4)) == 0  # flags ending before it


def test_an_empty_index_gives_an_empty_bitset():
    empty = FacetIndex(ids=[], title_position=[], ids_by_title=[])
    assert empty.mask_for_ids([1, 2]) == 0
    assert empty.mask_for_flags(flags_for([1, 2], 1024)) == 0
