"""Writing generated items straight into PostgreSQL: pages, items, relations and their search
index rows, in batches with COPY, as Wagtail's own saves would have written them.

Imports Django models at the top: import it only after `django.setup()`."""

import json
import random
import re
import sys
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page
from wagtail.search import index

from taggit.models import Tag
from tqdm import tqdm

from bench.fake_items import TAGS, ItemMaker
from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage

STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH_SIZE = 5000
ENGLISH = "english"
INDEX_TABLE = "wagtailsearch_indexentry"  # Wagtail's IndexEntry (wagtail.search.models)


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def progress(iterable, total, description):
    return tqdm(iterable, total=total, desc=description, unit="item", file=sys.stderr)


class Generator:
    def __init__(self, count, seed=2026):
        self.count = count
        self.random = random.Random(seed)
        self.repository = GoodPracticeIndexPage.objects.get()
        self.content_type = ContentType.objects.get_for_model(GoodPracticeItemPage)
        self.locale = Locale.get_default()
        self.model = GoodPracticeItemPage
        self.items = ItemMaker(
            self.random,
            themes=list(Theme.objects.values_list("pk", "name")),
            regions=list(Region.objects.values_list("pk", "name")),
            audiences=list(Audience.objects.values_list("pk", "name")),
            characteristics=list(ProtectedCharacteristic.objects.values_list("pk", "name")),
            tags=self._ensure_tags(),
        )

    @staticmethod
    def _ensure_tags():
        existing = {tag.name.lower() for tag in Tag.objects.all()}
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name)) for name in TAGS if name.lower() not in existing],
            ignore_conflicts=True,
        )
        return list(Tag.objects.values_list("pk", "name"))

    def run(self):
        start_number = self.model.objects.count() + 1
        to_create = self.count - (start_number - 1)
        if to_create <= 0:
            print(f"Already {start_number - 1} items; nothing to add.", file=sys.stderr)
            return
        self.repository.refresh_from_db()
        first_child = self.repository.numchild + 1
        now = timezone.now()
        with transaction.atomic():
            # The search's word ranking and word sets (repository migrations 0005 and 0006)
            # are kept by triggers, entry by entry; for a bulk load it is faster to rank
            # everything once at the end (the ranking's rebuild writes the sets too).
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {INDEX_TABLE} DISABLE TRIGGER USER")
            bar = progress(range(to_create), to_create, "items")
            batch = []
            for offset in bar:
                published = now - timedelta(minutes=offset * 7 + self.random.randint(0, 6))
                batch.append(self.items.make(start_number + offset, published))
                if len(batch) == BATCH_SIZE or offset == to_create - 1:
                    self.write_batch(batch, first_child + offset - len(batch) + 1)
                    batch = []
            bar.close()
            self.repository.numchild += to_create
            self.repository.save(update_fields=["numchild"])
            print("Refreshing the search index's title norms…", file=sys.stderr)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {INDEX_TABLE} SET title_norm = sub.lavg / length(title) "
                    f"FROM (SELECT avg(length(title)) AS lavg FROM {INDEX_TABLE} "
                    "WHERE length(title) > 0) sub WHERE length(title) > 0"
                )
                print("Ranking each word of the search index…", file=sys.stderr)
                cursor.execute("SELECT goodpractice_search_word_rank_rebuild()")
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # its deferred checks first
                cursor.execute(f"ALTER TABLE {INDEX_TABLE} ENABLE TRIGGER USER")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            # As autovacuum would soon: marks the new rows visible to all, so that a search
            # reads a word's entries from the index alone (a common word: 120 ms before).
            cursor.execute("VACUUM goodpractice_search_word_rank")
            cursor.execute("VACUUM goodpractice_search_word_items")

    def write_batch(self, batch, first_child):
        pages = []
        for position, item in enumerate(batch):
            pages.append(
                Page(
                    path=self.repository.path + path_step(first_child + position),
                    depth=self.repository.depth + 1,
                    numchild=0,
                    translation_key=uuid.uuid4(),
                    locale=self.locale,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=item["published_at"],
                    last_published_at=item["published_at"],
                    title=item["title"],
                    draft_title=item["title"],
                    slug=item["slug"],
                    content_type=self.content_type,
                    url_path=f"{self.repository.url_path}{item['slug']}/",
                    seo_title="",
                    search_description="",
                )
            )
        Page.objects.bulk_create(pages)
        for page, item in zip(pages, batch, strict=True):
            item["id"] = page.pk

        # Every other column of the item's own table (a field added since) gets its default.
        written = {
            "page_ptr_id", "summary", "body", "status", "evaluation", "learners_reached",
            "contact_name", "contact_role", "contact_organisation", "contact_email",
            "show_contact_email", "date_started",
        }  # fmt: skip
        defaults = {
            field.column: field.get_default()
            for field in self.model._meta.local_concrete_fields
            if field.column not in written
        }
        with connection.cursor() as cursor:
            self._copy(
                cursor,
                self.model._meta.db_table,
                [
                    "page_ptr_id",
                    "summary",
                    "body",
                    "status",
                    "evaluation",
                    "learners_reached",
                    "contact_name",
                    "contact_role",
                    "contact_organisation",
                    "contact_email",
                    "show_contact_email",
                    "date_started",
                    *defaults,
                ],
                (
                    (
                        item["id"],
                        item["summary"],
                        json.dumps(item["body"]),
                        item["status"],
                        item["evaluation"],
                        item["learners_reached"],
                        "",
                        "",
                        "",
                        "",
                        False,
                        item["date_started"],
                        *defaults.values(),
                    )
                    for item in batch
                ),
            )
            for field_name, key in [
                ("themes", "themes"),
                ("regions", "regions"),
                ("audiences", "audiences"),
                ("protected_characteristics", "characteristics"),
            ]:
                relation = self.model._meta.get_field(field_name)
                self._copy(
                    cursor,
                    relation.remote_field.through._meta.db_table,
                    [relation.m2m_column_name(), relation.m2m_reverse_name()],
                    ((item["id"], pk) for item in batch for pk, _name in item[key]),
                )
            self._copy(
                cursor,
                "repository_goodpracticeitemtag",
                ["content_object_id", "tag_id"],
                ((item["id"], pk) for item in batch for pk, _name in item["tags"]),
            )
            self._index(cursor, batch)

    @staticmethod
    def _copy(cursor, table, columns, rows):
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _index(self, cursor, batch):
        """Index rows as PostgresIndex.add_items would write them, computed by PostgreSQL."""
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_index_source ("
            "object_id text, title text, summary text, body text, related text[]"
            ") ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE bench_index_source")
        self._copy(
            cursor,
            "bench_index_source",
            ["object_id", "title", "summary", "body", "related"],
            (
                (
                    str(item["id"]),
                    item["title"],
                    item["summary"],
                    item["body_text"],
                    [name for _pk, name in item["themes"] + item["regions"] + item["tags"]],
                )
                for item in batch
            ),
        )
        # Field order follows GoodPracticeItemPage.search_fields: title (boost 10 -> A; it
        # replaces Page's own title field), summary (B), body (C), then the names of themes,
        # regions and tags (D).
        cursor.execute(
            f"""
            INSERT INTO {INDEX_TABLE}
                (content_type_id, object_id, title, autocomplete, body, title_norm,
                 title_text, body_text)
            SELECT %s, object_id,
                setweight(to_tsvector('{ENGLISH}', title), 'A'),
                setweight(to_tsvector('simple', title), 'D')
                    || setweight(to_tsvector('simple', summary), 'D'),
                setweight(to_tsvector('{ENGLISH}', summary), 'B')
                    || setweight(to_tsvector('{ENGLISH}', body), 'C')
                    || setweight(to_tsvector('{ENGLISH}', array_to_string(related, ' ')), 'D'),
                1.0,
                title,
                concat_ws(' ', summary, body, array_to_string(related, ' '))
            FROM bench_index_source
            """,
            [self.content_type.pk],
        )

    def check_index_matches_wagtail(self):
        """Reindex one item with Wagtail and compare its entry with the bulk-built one."""
        item = self.model.objects.filter(slug__startswith="item-").order_by("?").first()
        query = (
            f"SELECT title::text, body::text, autocomplete::text FROM {INDEX_TABLE} "
            "WHERE content_type_id = %s AND object_id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [self.content_type.pk, str(item.pk)])
            bulk = cursor.fetchone()
            index.insert_or_update_object(item)
            cursor.execute(query, [self.content_type.pk, str(item.pk)])
            wagtail = cursor.fetchone()
        names = ("title", "body", "autocomplete")
        # Positions may differ (Wagtail concatenates one vector per related name); matching
        # and ts_rank depend on the lexemes and their weights, which must be the same.
        bulk, wagtail = [_lexemes(v) for v in bulk], [_lexemes(v) for v in wagtail]
        differences = [name for name, a, b in zip(names, bulk, wagtail, strict=True) if a != b]
        if differences:
            print(
                "Warning: the bulk index differs from Wagtail's in " + ", ".join(differences),
                file=sys.stderr,
            )
            for name, a, b in zip(names, bulk, wagtail, strict=True):
                if a != b:
                    print(f"  {name}: bulk only {a - b}, Wagtail only {b - a}", file=sys.stderr)
        else:
            print("The bulk index matches Wagtail's own indexing.", file=sys.stderr)
        return not differences


def _lexemes(vector):
    """{(lexeme, weight)} from a tsvector's text form: "'induct':1A,12A 'pilot':2" …"""
    pairs = set()
    for lexeme, positions in re.findall(r"'((?:[^']|'')+)'(?::(\S+))?", vector):
        weights = (
            {position[-1] if position[-1] in "ABC" else "D" for position in positions.split(",")}
            if positions
            else {"D"}
        )
        pairs |= {(lexeme, weight) for weight in weights}
    return pairs
