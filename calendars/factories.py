import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from calendars.models import CalendarPage, FaithPage, Observance, Occurrence
from calendars.rules import Certainty, RuleType


class CalendarPageFactory(wagtail_factories.PageFactory):
    title = "Multi-faith calendar"
    slug = "calendar"
    introduction = factory.Faker("sentence")

    class Meta:
        model = CalendarPage


class FaithPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Faith {n}")
    introduction = factory.Faker("sentence")
    planning = "<p>Ask colleagues what they need.</p>"

    class Meta:
        model = FaithPage


class ObservanceFactory(DjangoModelFactory):
    """A fixed-date observance on 1 March unless a rule is given."""

    faith = factory.SubFactory(FaithPageFactory)
    name = factory.Sequence(lambda n: f"Observance {n}")
    slug = factory.Sequence(lambda n: f"observance-{n}")
    summary = factory.Faker("sentence")
    guidance = "Avoid scheduling exams."
    rule_type = RuleType.FIXED
    month = 3
    day = 1

    class Meta:
        model = Observance


class OccurrenceFactory(DjangoModelFactory):
    observance = factory.SubFactory(ObservanceFactory)
    start_date = datetime.date(2026, 3, 1)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    computed_start = factory.LazyAttribute(lambda o: o.start_date)
    computed_end = factory.LazyAttribute(lambda o: o.end_date)
    certainty = Certainty.FIXED

    class Meta:
        model = Occurrence
