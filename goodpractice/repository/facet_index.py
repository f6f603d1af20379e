"""An in-memory bitmap index of the repository's live items, for facet counts and filters.

Counting facets in SQL costs one GROUP BY over the whole match set per facet: about 300 ms
each at 100,000 items on modest hardware (see docs/performance.md). Search engines answer
facet counts from a bitset per value instead, and so does this module, with Python integers
as bitsets: bit p is the item at position p (newest first, and again in A to Z order).
Filtering is AND/OR of bitsets; an option's count is one AND and a popcount. The database
then only fetches the dozen items on the page.

The index is built from twelve queries when first needed, and built again after any change
that could alter it (an item saved, published, unpublished, moved or deleted; a term or tag
changed): those bump a version number kept in Django's cache, so every process sees the
change when the cache is shared (Redis in production). As a safety net for an unshared cache
an index is also rebuilt once it is FACET_INDEX_MAX_AGE seconds old.
"""

import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from operator import itemgetter

from django.conf import settings

from taggit.models import Tag

from goodpractice.home.cache_version import CacheVersion
from goodpractice.repository.classifications import CHOICES, TAGS, TERMS
from goodpractice.repository.items import GoodPracticeItemPage, GoodPracticeItemTag

VERSION = CacheVersion("goodpractice:facet-index:version")
CHUNK_BITS = 4096
NEWEST, TITLE = "newest", "title"

_lock = threading.Lock()
_built = {}


def bump_version():
    """Mark every process's index stale (called by goodpractice.repository.signal_handlers)."""
    VERSION.bump()


def current_version():
    return VERSION.current()


def _bits(positions, size):
    """An int with the given bit positions set (built through a bytearray: fast)."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def select_positions(mask, start, count):
    """The positions of the set bits numbered start..start+count-1, lowest first."""
    found, seen, base = [], 0, 0
    window = (1 << CHUNK_BITS) - 1
    while mask and len(found) < count:
        chunk = mask & window
        in_chunk = chunk.bit_count()
        if seen + in_chunk <= start:
            seen += in_chunk
        else:
            while chunk and len(found) < count:
                lowest = chunk & -chunk
                if seen >= start:
                    found.append(base + lowest.bit_length() - 1)
                seen += 1
                chunk ^= lowest
        mask >>= CHUNK_BITS
        base += CHUNK_BITS
    return found


@dataclass
class OrderedMasks:
    """One facet option's items, as a bitset in each listing order."""

    newest: int = 0
    title: int = 0

    def get(self, order):
        return self.title if order == TITLE else self.newest


@dataclass
class FacetIndex:
    ids: list  # item pk at each position, newest first
    title_position: list  # for each newest-first position, its A to Z position
    ids_by_title: list
    masks: dict = field(default_factory=dict)  # facet key -> {value: OrderedMasks}
    tag_names: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)  # facet key -> [(slug, name)] in editors' order
    version: str = ""  # the content version it was built for (shared by every process)
    build: str = ""  # this build of it, in this process

    @property
    def size(self):
        return len(self.ids)

    def everything(self, order=NEWEST):
        return (1 << self.size) - 1

    def mask_for_ids(self, ids, order=NEWEST):
        """The bitset of the live items among `ids` (a search's matches: up to every item).

        Done per id in C, not Python: each id's position is read from a list indexed by
        primary key, each position marked in a string of "0"s, and the string read as a
        binary number (7 ms for 90,000 ids, where a dictionary and a loop took 20-30 ms).
        Ids of anything else (not an item, not live) land on a spare position, cleared."""
        size, table = self.size, self._position_by_pk
        try:
            positions = map(table.__getitem__, ids)
            if order == TITLE:
                positions = map(self._title_position_or_spare.__getitem__, positions)
            flags = bytearray(b"0" * (size + 1))  # position p is flags[p]; the spare is last
            deque(map(flags.__setitem__, positions, repeat(ord("1"))), maxlen=0)
        except IndexError:  # an id above every item's, e.g. of a page made since the build
            position = self.position
            return self.mask_for_ids([pk for pk in ids if pk in position], order)
        return int(flags[size - 1 :: -1], 2) if size else 0  # last position, highest bit

    def mask_for_flags(self, flags, order=NEWEST):
        """The bitset of the live items whose flag is set, where `flags[pk]` is ord("1") for
        a match and b"0" otherwise or past its end (a search's matches as PostgreSQL keeps
        them, by primary key: repository migration 0006).

        Every position's flag is read at once in C, by an itemgetter of the ids in that
        order, highest position first, and the string read as a binary number: 2-4 ms at
        100,000 items, however many match. Anything not a live item has no position, so is
        left out."""
        source = self.ids_by_title if order == TITLE else self.ids
        if len(source) < 2:  # an itemgetter of one id answers that flag alone
            return int(bool(source) and source[0] < len(flags) and flags[source[0]] == ord("1"))
        missing = len(self._position_by_pk) - len(flags)  # the highest pk, plus one
        flags = bytes(flags) + b"0" * max(missing, 0)
        if order not in self._flag_readers:
            self._flag_readers[order] = itemgetter(*reversed(source))
        return int(bytes(self._flag_readers[order](flags)), 2)

    @cached_property
    def _flag_readers(self):
        """{order: an itemgetter of the ids in that order, highest position first}."""
        return {}

    @cached_property
    def _position_by_pk(self):
        """[position of the item whose pk is the index, or the spare position `size`]."""
        size = self.size
        table = [size] * (max(self.ids, default=0) + 1)
        for position, pk in enumerate(self.ids):
            table[pk] = position
        return table

    @cached_property
    def _title_position_or_spare(self):
        return [*self.title_position, self.size]

    @property
    def position(self):
        if not hasattr(self, "_position"):
            self._position = {pk: index for index, pk in enumerate(self.ids)}
        return self._position

    def option_mask(self, key, value, order=NEWEST):
        masks = self.masks.get(key, {}).get(value)
        return masks.get(order) if masks else 0

    def ids_at(self, positions, order=NEWEST):
        source = self.ids_by_title if order == TITLE else self.ids
        return [source[p] for p in positions]

    def counts(self, key):
        """{value: number of live items} for one facet (a theme's or region's count)."""
        return {value: masks.newest.bit_count() for value, masks in self.masks.get(key, {}).items()}

    def pair_counts(self, key_a, key_b):
        """{(value a, value b): items with both} for two facets: the coverage grid's cells."""
        pairs = {}
        for value_a, masks_a in self.masks.get(key_a, {}).items():
            for value_b, masks_b in self.masks.get(key_b, {}).items():
                pairs[value_a, value_b] = (masks_a.newest & masks_b.newest).bit_count()
        return pairs

    def most_shared(self, terms, limit, exclude=()):
        """Ids of up to `limit` items carrying the most of `terms` ((facet key, value) pairs),
        newest first among equals: an item's related items.

        Each item's number of shared terms is added up across the terms' bitsets at once, in
        binary, one bitset per binary digit (a bit-sliced counter).
        """
        digits = []
        for key, value in terms:
            carry = self.option_mask(key, value)
            for level, digit in enumerate(digits):
                digits[level], carry = digit ^ carry, digit & carry
            if carry:
                digits.append(carry)
        candidates = self.everything()
        for pk in exclude:
            if pk in self.position:
                candidates &= ~(1 << self.position[pk])
        found = []
        for shared in range((1 << len(digits)) - 1, 0, -1):
            exactly = candidates
            for level, digit in enumerate(digits):
                exactly &= digit if shared >> level & 1 else ~digit
            found += select_positions(exactly, 0, limit - len(found))
            if len(found) >= limit:
                break
        return self.ids_at(found)

    def classification_of(self, pk):
        """{facet key: [(slug, name), ...]} for one live item's terms and tags (terms in the
        editors' order, tags by name), read from the bitsets; None if it is not in the index."""
        p = self.position.get(pk)
        if p is None:
            return None
        found = {}
        for key, masks in self.masks.items():
            if key in self.terms:
                options = self.terms[key]
            elif key == TAGS.key:
                options = sorted(self.tag_names.items(), key=lambda pair: pair[1].casefold())
            else:
                continue
            found[key] = [
                (slug, name)
                for slug, name in options
                if slug in masks and masks[slug].newest >> p & 1
            ]
        return found

    def term_names_for(self, key, ids):
        """{item id: [term name, ...]} for a term facet, in the editors' order, read from the
        bitsets rather than the database (a result's themes and regions)."""
        position = self.position
        positions = {pk: position[pk] for pk in ids if pk in position}
        masks = self.masks.get(key, {})
        names = {pk: [] for pk in positions}
        for slug, name in self.terms.get(key, []):
            mask = masks.get(slug)
            if mask is None:
                continue
            for pk, p in positions.items():
                if mask.newest >> p & 1:
                    names[pk].append(name)
        return names


def build(repository):
    """Read the live items under `repository` and their classifications (one query for the
    items, two for each term classification and three for the tags: twelve)."""
    choice_fields = [classification.field_name for classification in CHOICES]
    rows = list(
        GoodPracticeItemPage.objects.published_in(repository)
        .newest_first()
        .values_list("pk", "title", *choice_fields)
    )
    ids = [row[0] for row in rows]
    by_title = sorted(range(len(rows)), key=lambda p: (rows[p][1].casefold(), rows[p][0]))
    title_position = [0] * len(rows)
    for rank, p in enumerate(by_title):
        title_position[p] = rank
    index = FacetIndex(
        ids=ids, title_position=title_position, ids_by_title=[ids[p] for p in by_title]
    )
    position = index.position
    size = len(ids)

    def store(key, pairs):
        grouped = {}
        for pk, value in pairs:
            p = position.get(pk)
            if p is not None:
                grouped.setdefault(value, []).append(p)
        index.masks[key] = {
            value: OrderedMasks(
                newest=_bits(positions, size),
                title=_bits([title_position[p] for p in positions], size),
            )
            for value, positions in grouped.items()
        }

    for classification in TERMS:
        model = classification.term_model
        terms = list(
            model.objects.order_by(*model._meta.ordering).values_list("pk", "slug", "name")
        )
        index.terms[classification.key] = [(slug, name) for _pk, slug, name in terms]
        slugs = {pk: slug for pk, slug, _name in terms}
        relation = GoodPracticeItemPage._meta.get_field(classification.field_name)
        pairs = relation.remote_field.through.objects.values_list(
            relation.m2m_column_name(), relation.m2m_reverse_name()
        )
        store(classification.key, ((pk, slugs[term]) for pk, term in pairs))
    tag_pairs = GoodPracticeItemTag.objects.values_list("content_object_id", "tag_id")
    tags = dict(Tag.objects.values_list("pk", "slug"))
    index.tag_names = dict(Tag.objects.values_list("slug", "name"))
    store(TAGS.key, ((pk, tags[tag_id]) for pk, tag_id in tag_pairs))
    for column, classification in enumerate(CHOICES, start=2):
        store(classification.key, ((row[0], row[column]) for row in rows))
    return index


def with_counts(terms, key, index):
    """The terms (themes or regions), each with `item_count`: its live items in the `index`
    (none without one: a site with no repository yet)."""
    counts = index.counts(key) if index else {}
    for term in terms:
        term.item_count = counts.get(term.slug, 0)
    return terms


def max_age():
    """Seconds an index, or anything kept from it, is trusted without a new version."""
    return getattr(settings, "FACET_INDEX_MAX_AGE", 300)


def get_index(repository):
    """The current index for `repository`, built if missing, stale or too old."""
    version = current_version()
    max_age_seconds = max_age()
    key = repository.pk
    entry = _built.get(key)
    if entry and entry[0] == version and time.monotonic() - entry[1] < max_age_seconds:
        return entry[2]
    with _lock:
        entry = _built.get(key)
        if entry and entry[0] == version and time.monotonic() - entry[1] < max_age_seconds:
            return entry[2]
        index = build(repository)
        index.version, index.build = version, uuid.uuid4().hex
        _built[key] = (version, time.monotonic(), index)
        return index
