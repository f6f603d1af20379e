"""A home page in place of Wagtail's default "Welcome" page, so that a new site, demo content
or not, starts with the right root."""

import uuid

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    if HomePage.objects.exists():
        return
    welcome = Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2, slug="home"
    ).first()
    if welcome is None and Page.objects.filter(depth=2).exists():
        return  # someone else's site is already here; leave it alone
    Site.objects.filter(root_page=welcome).delete()
    if welcome is not None:
        welcome.delete()

    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title="EDI good practice",
        draft_title="EDI good practice",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        body="[]",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, site_name="EDI good practice", root_page=home,
        is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
