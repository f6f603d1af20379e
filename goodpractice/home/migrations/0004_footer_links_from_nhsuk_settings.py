"""Copy each site's wagtail-nhsuk-frontend footer links into the site's own footer links, so an
existing site keeps its footer when it moves to goodpractice.home.footer."""

from django.db import migrations


def copy_footer_links(apps, schema_editor):
    OldFooter = apps.get_model("wagtailnhsukfrontendsettings", "FooterSettings")
    SiteFooter = apps.get_model("home", "SiteFooter")
    FooterLink = apps.get_model("home", "FooterLink")
    for old in OldFooter.objects.all():
        footer, _ = SiteFooter.objects.get_or_create(site_id=old.site_id)
        if FooterLink.objects.filter(footer=footer).exists():
            continue
        links = old.footer_links.order_by("sort_order")
        FooterLink.objects.bulk_create(
            FooterLink(
                footer=footer,
                sort_order=order,
                label=link.link_label[:100] or link.link_url[:100],
                address=link.link_url,
            )
            for order, link in enumerate(links)
            if link.link_url
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_site_footer"),
        ("wagtailnhsukfrontendsettings", "0008_footersettingscolumns_footercolumnlinks"),
    ]

    operations = [migrations.RunPython(copy_footer_links, migrations.RunPython.noop)]
