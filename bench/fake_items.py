"""Made-up but realistic good-practice items: titles, summaries, bodies and their terms.

Plain Python and a seeded random generator, so the same seed gives the same items."""

import uuid
from datetime import date, timedelta

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


class ItemMaker:
    """Invents one item at a time from the word lists and the given terms ((pk, name) pairs)."""

    def __init__(self, rng, *, themes, regions, audiences, characteristics, tags):
        self.random = rng
        self.themes = themes
        self.regions = regions
        self.audiences = audiences
        self.characteristics = characteristics
        self.tags = tags

    def sample(self, population, low, high):
        return self.random.sample(population, self.random.randint(low, high))

    def make(self, number, published_at):
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
