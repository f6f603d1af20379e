import factory
import wagtail_factories

from goodpractice.home.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    introduction = factory.Faker("sentence")

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Content page {n}")
    introduction = factory.Faker("sentence")
    body = factory.LazyFunction(
        lambda: [("heading", {"text": "About", "level": "h2"}), ("paragraph", "<p>Text.</p>")]
    )

    class Meta:
        model = ContentPage
