from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase

from calendars.factories import CalendarPageFactory, FaithPageFactory
from calendars.models import CalendarPage, FaithPage
from goodpractice.home.models import HomePage
from tests.accounts.helpers import VerifiedLoginMixin, verified_login


class CalendarPageTypesTest(VerifiedLoginMixin, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.calendar = CalendarPageFactory(parent=cls.home)
        cls.faith = FaithPageFactory(parent=cls.calendar, title="Sikhism", slug="sikhism")

    def test_page_tree_rules(self):
        self.assertCanCreateAt(HomePage, CalendarPage)
        self.assertAllowedSubpageTypes(CalendarPage, {FaithPage})
        self.assertAllowedParentPageTypes(FaithPage, {CalendarPage})
        self.assertAllowedSubpageTypes(FaithPage, set())

    def test_pages_render_and_preview(self):
        self.assertPageIsRenderable(self.calendar)
        self.assertPageIsRenderable(self.faith)
        user = self.create_test_user()
        verified_login(self.client, user)
        self.assertPageIsPreviewable(self.calendar, user=user)
        self.assertPageIsPreviewable(self.faith, user=user)

    def test_the_month_pages_and_planners_render(self):
        for route in ("2026/12/", "2026/01/", "2026/planner/", "rotation/2026-27/planner/"):
            self.assertPageIsRenderable(self.calendar, route_path=route)
        self.assertPageIsRenderable(
            self.calendar, route_path="2026/planner/", query_data={"paper": "a3"}
        )
        self.assertPageIsRenderable(self.calendar, route_path="2026/3/", accept_redirect=True)

    def test_a_new_faith_page_can_be_previewed_before_it_is_saved(self):
        verified_login(self.client, self.create_test_user())
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("calendars", "faithpage", self.calendar.pk)
        )
        data = {"title": "Jainism", "slug": "jainism", "introduction": "A faith of non-violence."}
        response = self.client.post(url, data)
        assert response.json() == {"is_valid": True, "is_available": True}
        response = self.client.get(url)
        self.assertContains(response, "A faith of non-violence.")
        self.assertContains(response, "No observances have been added yet.")
