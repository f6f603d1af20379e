"""The quality team: its group, permissions and the approval workflow items go through.

The workflow is assigned to the repository page where one exists; a repository created later
gets it when it is created (goodpractice.submissions.signal_handlers). pg_trgm powers the "similar items"
check on PostgreSQL and is skipped on other databases.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

QUALITY_TEAM = "Quality team"
WORKFLOW = "Quality team approval"

MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("submissions", "submission", "view_submission"),
    ("submissions", "submission", "moderate_submission"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Wagtail checks document permissions against wagtaildocs.Document, whatever the model.
COLLECTION_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def create_quality_team(apps, schema_editor):
    # Permission rows are normally made after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    IndexPage = apps.get_model("repository", "GoodPracticeIndexPage")
    HomePage = apps.get_model("home", "HomePage")

    group, _ = Group.objects.get_or_create(name=QUALITY_TEAM)
    for app_label, model, codename in MODEL_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)

    top_page = HomePage.objects.first() or Page.objects.filter(depth=1).first()
    if top_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=top_page.pk, permission=permission
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtaildocs", codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
        task.groups.add(group)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for repository in IndexPage.objects.all():
        if not WorkflowPage.objects.filter(page_id=repository.pk).exists():
            WorkflowPage.objects.create(workflow=workflow, page_id=repository.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("home", "0002_home_page"),
        ("repository", "0001_initial"),
        ("resources", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_quality_team, migrations.RunPython.noop),
    ]
