"""The nine protected characteristics of the Equality Act 2010 (s.4): fixed by law, so they
are data every installation needs rather than something editors add."""

from django.db import migrations

PROTECTED_CHARACTERISTICS = [
    ("age", "Age"),
    ("disability", "Disability"),
    ("gender-reassignment", "Gender reassignment"),
    ("marriage-and-civil-partnership", "Marriage and civil partnership"),
    ("pregnancy-and-maternity", "Pregnancy and maternity"),
    ("race", "Race"),
    ("religion-or-belief", "Religion or belief"),
    ("sex", "Sex"),
    ("sexual-orientation", "Sexual orientation"),
]


def add_protected_characteristics(apps, schema_editor):
    ProtectedCharacteristic = apps.get_model("classification", "ProtectedCharacteristic")
    for order, (slug, name) in enumerate(PROTECTED_CHARACTERISTICS):
        ProtectedCharacteristic.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("classification", "0001_initial")]

    operations = [migrations.RunPython(add_protected_characteristics, migrations.RunPython.noop)]
