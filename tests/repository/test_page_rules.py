from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from goodpractice.home.factories import ContentPageFactory
from goodpractice.home.models import ContentPage, HomePage
from goodpractice.repository.factories import (
    GoodPracticeIndexPageFactory,
    GoodPracticeItemPageFactory,
)
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage
from tests.accounts.helpers import verified_login
from tests.submissions.admin_forms import item_form_data


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        assert HomePage.max_count == 1
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(HomePage, GoodPracticeIndexPage)
        self.assertCanNotCreateAt(HomePage, GoodPracticeItemPage)

    def test_items_live_only_in_the_repository(self):
        self.assertAllowedParentPageTypes(GoodPracticeItemPage, {GoodPracticeIndexPage})
        self.assertAllowedSubpageTypes(GoodPracticeItemPage, set())
        self.assertAllowedSubpageTypes(GoodPracticeIndexPage, {GoodPracticeItemPage})
        assert GoodPracticeIndexPage.max_count == 1

    def test_content_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_every_page_type_renders(self):
        home = HomePage.objects.get()
        repository = GoodPracticeIndexPageFactory(parent=home)
        for page in [
            home,
            repository,
            ContentPageFactory(parent=home),
            GoodPracticeItemPageFactory(parent=repository),
        ]:
            self.assertPageIsRenderable(page)

    def test_an_item_can_be_previewed_from_the_editor(self):
        user = self.create_test_user()
        verified_login(self.client, user)
        repository = GoodPracticeIndexPageFactory(parent=HomePage.objects.get())
        item = GoodPracticeItemPageFactory(parent=repository)
        data = item_form_data(item.title, item.themes.get(), item.regions.get(), slug=item.slug)
        self.assertPageIsPreviewable(item, post_data=data, user=user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"date_started": "2025-05-01", "last_reviewed": "2025-01-01"}, "last_reviewed"),
        ({"last_reviewed": "2025-05-01", "review_due": "2025-01-01"}, "review_due"),
        ({"show_contact_email": True, "contact_email": ""}, "contact_email"),
    ],
)
def test_item_rejects_inconsistent_dates_and_consent(repository, fields, error_field):
    item = GoodPracticeItemPageFactory(parent=repository)
    for name, value in fields.items():
        setattr(item, name, value)
    with pytest.raises(ValidationError) as caught:
        item.clean()
    assert error_field in caught.value.message_dict
