"""Marks the calendar's cached pages and downloads stale (calendars.content_version) after any
change that could alter them."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from calendars.content_version import bump_now_and_on_commit
from calendars.models import CalendarPage, FaithPage, Observance, Occurrence
from goodpractice.home.models import HomePage

# The calendar's and the faith pages' addresses start with the home page's.
PAGE_MODELS = (HomePage, CalendarPage, FaithPage)


def page_changed(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), PAGE_MODELS):
        bump_now_and_on_commit()


for model in (Observance, Occurrence, Site):
    post_save.connect(
        bump_now_and_on_commit, sender=model, dispatch_uid=f"calendars-save-{model.__name__}"
    )
for model in (Observance, Occurrence, Site, *PAGE_MODELS):
    post_delete.connect(
        bump_now_and_on_commit, sender=model, dispatch_uid=f"calendars-delete-{model.__name__}"
    )
page_published.connect(page_changed, dispatch_uid="calendars-page-published")
page_unpublished.connect(page_changed, dispatch_uid="calendars-page-unpublished")
post_page_move.connect(page_changed, dispatch_uid="calendars-page-moved")
