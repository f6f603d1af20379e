"""Fill a PostgreSQL database with N realistic, published good-practice items, fast.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gp_bench_100000 \
        python -m bench.generate --count 100000

Saving 100,000 Wagtail pages one by one (tree locking, revisions, signals, one index update
each) takes hours, so this writes what those saves would have written, in bulk:

- the demo content first (themes, regions, audiences, the 16 seed items, the repository),
- `wagtailcore_page` rows with their treebeard paths computed directly (the repository's
  path plus a base-36 step per child), then the item table, the four many-to-many tables
  and tags, each with PostgreSQL's COPY in batches,
- the search index rows built inside PostgreSQL with the same weights and configurations
  that Wagtail's PostgreSQL backend uses (title A, summary B, body C, related names D;
  English stemming; a 'simple' autocomplete vector), then the title norms refreshed.

At the end one item is reindexed by Wagtail itself and its entry compared with the bulk one,
so the fast path cannot silently drift from what the site would index.
"""

import argparse
import json
import os
import random
import re
import sys
import time
import uuid
from datetime import date, timedelta

import django

ENGLISH = "english"
STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BATCH_SIZE = 5000
INDEX_TABLE = "wagtailsearch_indexentry"  # Wagtail's IndexEntry (wagtail.search.models)

SUBJECTS = [
    "induction",
    "mentoring",
    "peer support",
    "reverse mentoring",
    "active bystander training",
    "reasonable adjustments",
    "cultural awareness",
    "fair recruitment",
    "exam preparation",
    "wellbeing",
    "career conversations",
    "shadowing",
    "language support",
    "coaching",
    "feedback",
    "civility",
    "allyship",
    "flexible training",
    "return to training",
    "leadership development",
]
GROUPS = [
    "international medical graduates",
    "doctors in training",
    "trainers",
    "educational supervisors",
    "LGBTQ+ trainees",
    "disabled trainees",
    "less than full time trainees",
    "black and minority ethnic trainees",
    "faculty",
    "foundation doctors",
]
FORMATS = [
    "programme",
    "workshop series",
    "network",
    "toolkit",
    "pilot",
    "forum",
    "online course",
    "buddy scheme",
]
SENTENCES = [
    "The team {verb} {subject} for {group} across the region.",
    "It grew out of feedback that {group} felt unsupported in their first months.",
    "Sessions were co-designed with {group} and run by trained facilitators.",
    "Evaluation used surveys before and after, with follow-up interviews.",
    "Participants reported more confidence and a stronger sense of belonging.",
    "The {format} is now embedded in the local education provider's offer.",
    "Lessons learned include the value of protected time and senior sponsorship.",
    "Other regions have adapted the {format} to their own trainees.",
]
VERBS = ["introduced", "piloted", "expanded", "redesigned", "evaluated", "launched"]
TAGS = [
    f"{word}{suffix}"
    for word in [
        "induction",
        "mentoring",
        "bystander",
        "wellbeing",
        "recruitment",
        "exams",
        "coaching",
        "belonging",
        "allyship",
        "civility",
        "language",
        "disability",
        "race",
        "gender",
        "sexuality",
        "religion",
        "neurodiversity",
        "carers",
        "flexibility",
        "leadership",
    ]
    for suffix in ["", " support", " training", " network", " toolkit", " pilot", " research"]
]


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def progress(iterable, total, description):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=description, unit="item", file=sys.stderr)


class Generator:
    def __init__(self, count, seed=2026):
        from django.contrib.contenttypes.models import ContentType

        from wagtail.models import Locale

        from goodpractice.classification.models import (
            Audience,
            ProtectedCharacteristic,
            Region,
            Theme,
        )
        from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage

        self.count = count
        self.random = random.Random(seed)
        self.repository = GoodPracticeIndexPage.objects.get()
        self.content_type = ContentType.objects.get_for_model(GoodPracticeItemPage)
        self.locale = Locale.get_default()
        self.model = GoodPracticeItemPage
        self.themes = list(Theme.objects.values_list("pk", "name"))
        self.regions = list(Region.objects.values_list("pk", "name"))
        self.audiences = list(Audience.objects.values_list("pk", "name"))
        self.characteristics = list(ProtectedCharacteristic.objects.values_list("pk", "name"))
        self.tags = self._ensure_tags()

    def _ensure_tags(self):
        from django.utils.text import slugify

        from taggit.models import Tag

        existing = {tag.name.lower() for tag in Tag.objects.all()}
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name)) for name in TAGS if name.lower() not in existing],
            ignore_conflicts=True,
        )
        return list(Tag.objects.values_list("pk", "name"))

    def sample(self, population, low, high):
        return self.random.sample(population, self.random.randint(low, high))

    def make_item(self, number, published_at):
        subject = self.random.choice(SUBJECTS)
        group = self.random.choice(GROUPS)
        item_format = self.random.choice(FORMATS)
        region = self.random.choice(self.regions)
        title = f"{subject.capitalize()} {item_format} for {group} in {region[1]} ({number})"
        fill = {
            "subject": subject,
            "group": group,
            "format": item_format,
            "verb": self.random.choice(VERBS),
        }
        summary = " ".join(
            sentence.format(**fill) for sentence in self.random.sample(SENTENCES[:3], 2)
        )
        paragraphs = [
            " ".join(sentence.format(**fill) for sentence in self.random.sample(SENTENCES, 3))
            for _ in range(3)
        ]
        headings = ["The problem", "What was done", "Outcomes and impact"]
        body = []
        for heading, paragraph in zip(headings, paragraphs, strict=True):
            body.append(
                {
                    "type": "heading",
                    "value": {"text": heading, "level": "h2"},
                    "id": str(uuid.uuid4()),
                }
            )
            body.append(
                {"type": "paragraph", "value": f"<p>{paragraph}</p>", "id": str(uuid.uuid4())}
            )
        regions = [region, *self.sample([r for r in self.regions if r != region], 0, 1)]
        return {
            "number": number,
            "title": title,
            "slug": f"item-{number}",
            "summary": summary,
            "body": body,
            "body_text": self._body_text(headings, paragraphs),
            "published_at": published_at,
            "themes": self.sample(self.themes, 1, 2),
            "regions": regions,
            "audiences": self.sample(self.audiences, 0, 2),
            "characteristics": self.sample(self.characteristics, 0, 3),
            "tags": self.sample(self.tags, 0, 4),
            "status": self.random.choice(["", "pilot", "embedded", "ended"]),
            "evaluation": self.random.choice(["", "none", "informal", "formal", "published"]),
            "learners_reached": self.random.choice([None, self.random.randint(5, 2000)]),
            "date_started": date(2015, 1, 1) + timedelta(days=self.random.randint(0, 3500)),
        }

    @staticmethod
    def _body_text(headings, paragraphs):
        # What StreamField.get_searchable_content gives for these blocks: each heading's text
        # and level label, each paragraph's text.
        parts = []
        for heading, paragraph in zip(headings, paragraphs, strict=True):
            parts += [heading, "Section heading (level 2)", paragraph]
        return ", ".join(parts)

    def run(self):
        from django.db import connection, transaction

        start_number = self.model.objects.count() + 1
        to_create = self.count - (start_number - 1)
        if to_create <= 0:
            print(f"Already {start_number - 1} items; nothing to add.", file=sys.stderr)
            return
        self.repository.refresh_from_db()
        first_child = self.repository.numchild + 1
        from django.utils import timezone

        now = timezone.now()
        with transaction.atomic():
            bar = progress(range(to_create), to_create, "items")
            batch = []
            for offset in bar:
                published = now - timedelta(minutes=offset * 7 + self.random.randint(0, 6))
                batch.append(self.make_item(start_number + offset, published))
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
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def write_batch(self, batch, first_child):
        from django.db import connection

        from wagtail.models import Page

        pages = []
        for index, item in enumerate(batch):
            pages.append(
                Page(
                    path=self.repository.path + path_step(first_child + index),
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
        from django.db import connection

        from wagtail.search import index

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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="items wanted in total")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.test")
    django.setup()

    import io

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        parser.error("set DATABASE_URL to a PostgreSQL database (e.g. .../gp_bench_100000)")
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    started = time.perf_counter()
    generator = Generator(args.count)
    generator.run()
    elapsed = time.perf_counter() - started
    print(
        f"{generator.model.objects.count()} items in the database ({elapsed:.0f} s).",
        file=sys.stderr,
    )
    generator.check_index_matches_wagtail()


if __name__ == "__main__":
    main()
