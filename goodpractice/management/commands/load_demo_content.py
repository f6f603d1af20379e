import secrets
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Build the demo site from the seed pages. Safe to run again: it creates only what is "
        "missing and keeps existing content. With DEBUG on, it also creates a local demo "
        "administrator and prints its generated password once."
    )

    def handle(self, *args, **options):
        # Each of this project's apps may contribute a `demo_content.load(command)`; they run in
        # INSTALLED_APPS order, so the pages they hang under exist first.
        for app_config in apps.get_app_configs():
            if app_config.name in {"goodpractice", "resources", "calendars"} and (
                module_has_submodule(app_config.module, "demo_content")
            ):
                import_module(f"{app_config.name}.demo_content").load(self)
        self.create_demo_admin()

    def create_demo_admin(self):
        if not settings.DEBUG:
            self.stdout.write("No demo administrator: DEBUG is off (demo logins are dev-only).")
            return
        User = get_user_model()
        if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            self.stdout.write(
                f"Demo administrator '{DEMO_ADMIN_USERNAME}' already exists; its password was "
                "printed when it was made. Reset it with "
                f"'python manage.py changepassword {DEMO_ADMIN_USERNAME}'."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            DEMO_ADMIN_USERNAME, email="admin@example.invalid", password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nCreated a local demo administrator. This password is shown only once:\n"
                f"  username: {DEMO_ADMIN_USERNAME}\n  password: {password}\n"
                "  log in at: http://127.0.0.1:8000/admin/\n"
            )
        )
