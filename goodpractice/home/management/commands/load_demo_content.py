import secrets
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db.models.signals import post_save
from django.utils.module_loading import module_has_submodule

from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task

PROJECT_APPS = ("goodpractice.", "resources", "calendars")
DEMO_ADMIN_USERNAME = "admin"
DEMO_QUALITY_USERNAME = "quality"


class Command(BaseCommand):
    help = (
        "Build the demo site from the seed pages. Safe to run again: it creates only what is "
        "missing and keeps existing content. With DEBUG on, it also creates a local demo "
        "administrator and a quality-team member and prints their generated passwords once."
    )

    def handle(self, *args, **options):
        # Each of this project's apps may contribute a `demo_content.load(command)`, found the
        # way Django's admin finds `admin` modules; they run in INSTALLED_APPS order, so the
        # home page and the classification that the others use exist first.
        with search_index_updated_once():
            for app_config in apps.get_app_configs():
                if app_config.name.startswith(PROJECT_APPS) and module_has_submodule(
                    app_config.module, "demo_content"
                ):
                    import_module(f"{app_config.name}.demo_content").load(self)
        self.create_demo_user(DEMO_ADMIN_USERNAME, "administrator", superuser=True)
        self.create_demo_user(DEMO_QUALITY_USERNAME, "quality-team member", groups=["Quality team"])

    def create_demo_user(self, username, description, *, superuser=False, groups=()):
        """A local demo login with a generated password, printed once. DEBUG only."""
        if not settings.DEBUG:
            self.stdout.write(f"No demo {description}: DEBUG is off (demo logins are dev-only).")
            return
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Demo {description} '{username}' already exists; its password was printed when "
                f"it was made. Reset it with 'python manage.py changepassword {username}'."
            )
            return
        password = secrets.token_urlsafe(12)
        email = f"{username}@example.invalid"
        if superuser:
            user = User.objects.create_superuser(username, email=email, password=password)
        else:
            user = User.objects.create_user(username, email=email, password=password)
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        self.stdout.write(
            self.style.SUCCESS(
                f"\nCreated a local demo {description}. This password is shown only once:\n"
                f"  username: {username}\n  password: {password}\n"
                f"  log in at: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/\n"
            )
        )


@contextmanager
def search_index_updated_once():
    """Each object saved inside is indexed once, at the end, by the task every save enqueues
    (modelsearch's post_save handler): building a page saves it three or four times (created,
    its revision, published), and indexing it each time was a third of the loading time."""
    models = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    saved = {}

    def remember(instance, raw=False, **kwargs):
        if not raw:
            saved[(type(instance), str(instance.pk))] = None

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False, dispatch_uid="demo-index-once")
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid="demo-index-once")
            post_save.connect(post_save_signal_handler, sender=model)
        for model, pk in saved:
            if model._default_manager.filter(pk=pk).exists():  # not deleted since
                insert_or_update_object_task.enqueue(
                    model._meta.app_label, model._meta.model_name, pk
                )
