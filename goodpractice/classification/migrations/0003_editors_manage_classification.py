"""Let Wagtail's Editors and Moderators groups manage themes, regions and audiences.

Permissions are normally created after migrations run, so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Moderators"]
MODELS = ["theme", "region", "audience"]
ACTIONS = ["add", "change", "delete"]


def classification_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="classification",
        codename__in=[f"{action}_{model}" for action in ACTIONS for model in MODELS],
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("classification")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*classification_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*classification_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("classification", "0002_protected_characteristics"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
