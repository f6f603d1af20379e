import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.repository.models import (
    GoodPracticeIndexPage,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
)


class GoodPracticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Good practice"
    slug = "good-practice"
    introduction = factory.Faker("sentence")

    class Meta:
        model = GoodPracticeIndexPage


class GoodPracticeItemPageFactory(wagtail_factories.PageFactory):
    """An item with one new theme and region unless `themes=` / `regions=` are given; pass
    `audiences=` / `protected_characteristics=` terms, `tags=` names, and `not_recorded=True`
    to leave the status and evaluation blank ("not recorded", as the demo content does)."""

    title = factory.Sequence(lambda n: f"Good practice item {n}")
    summary = factory.Faker("sentence", nb_words=20)
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "The problem", "level": "h2"}),
            ("paragraph", "<p>What the team set out to change.</p>"),
        ]
    )
    status = GoodPracticeItemPage.Status.PILOT
    evaluation = GoodPracticeItemPage.Evaluation.INFORMAL

    class Meta:
        model = GoodPracticeItemPage

    class Params:
        not_recorded = factory.Trait(status="", evaluation="")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        self.themes.set(extracted if extracted is not None else [ThemeFactory()])

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        self.regions.set(extracted if extracted is not None else [RegionFactory()])

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)

    @factory.post_generation
    def protected_characteristics(self, create, extracted, **kwargs):
        if extracted:
            self.protected_characteristics.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """One save for the terms and tags above: they are kept on the page (it is a
        cluster) until it is saved, and every save indexes the item for search again."""
        if create:
            instance.save()


class GoodPracticeItemDocumentFactory(DjangoModelFactory):
    """A document attached to an item (pass `item=`)."""

    document = factory.SubFactory("resources.factories.ResourceDocumentFactory")

    class Meta:
        model = GoodPracticeItemDocument
