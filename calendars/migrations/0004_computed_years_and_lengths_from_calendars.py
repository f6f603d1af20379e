"""Years of stored dates (ComputedYear), and lengths from the calendars: Ramadan to the end of
its Hijri month, Navaratri to the eve of Dussehra, in place of 30 and 9 days.

No year is marked as computed here, so every stored year is computed again from the rules
the first time it is shown (or by the daily job): unconfirmed dates take their new lengths in
place, and editors' confirmations are kept.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def lengths_from_calendars(apps, schema_editor):
    Observance = apps.get_model("calendars", "Observance")
    Observance.objects.filter(
        rule_type="hijri", hijri_month=9, day=1, offset_days=0, ends="days", duration_days=30
    ).update(ends="month_end")
    Observance.objects.filter(
        rule_type="festival_table", festival="navaratri", offset_days=0, ends="days"
    ).update(ends="before_festival", end_festival="dussehra")


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0003_occurrence_sequence_observance_updated_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="observance",
            name="end_festival",
            field=models.CharField(
                blank=True,
                choices=[
                    ("diwali", "Diwali (Lakshmi Puja)"),
                    ("holi", "Holi"),
                    ("navaratri", "Navaratri (Sharad, autumn; first day)"),
                    ("chaitra_navaratri", "Chaitra Navaratri (spring; first day)"),
                    ("dussehra", "Dussehra (Vijayadashami)"),
                    ("janmashtami", "Janmashtami"),
                    ("raksha_bandhan", "Raksha Bandhan"),
                    ("maha_shivaratri", "Maha Shivaratri"),
                    ("ganesh_chaturthi", "Ganesh Chaturthi"),
                    ("ram_navami", "Ram Navami"),
                    ("vaisakhi", "Vaisakhi"),
                    ("guru_nanak_gurpurab", "Guru Nanak Gurpurab"),
                    ("guru_gobind_singh_gurpurab", "Guru Gobind Singh Gurpurab"),
                    ("guru_arjan_dev_martyrdom", "Martyrdom of Guru Arjan Dev"),
                    ("vesak", "Vesak (Buddha Purnima, May full moon)"),
                ],
                help_text="Only for 'the day before another festival'.",
                max_length=40,
                verbose_name="ends the day before",
            ),
        ),
        migrations.AddField(
            model_name="observance",
            name="ends",
            field=models.CharField(
                choices=[
                    ("days", "A number of days (below)"),
                    ("month_end", "To the last day of its month, in the calendar its date follows"),
                    ("before_festival", "To the day before another festival (published tables)"),
                ],
                default="days",
                help_text="Ramadan ends with its month (29 or 30 days); Navaratri the day before Dussehra. Most observances last a number of days.",
                max_length=20,
                verbose_name="where it ends",
            ),
        ),
        migrations.AlterField(
            model_name="observance",
            name="duration_days",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Counting the first day, when it lasts a number of days. Black History Month: 31.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(366),
                ],
                verbose_name="how many days it lasts",
            ),
        ),
        migrations.CreateModel(
            name="ComputedYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                (
                    "observance",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="computed_years",
                        to="calendars.observance",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["year"], name="calendars_computed_year_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("observance", "year"),
                        name="calendars_one_computed_year_per_observance",
                    )
                ],
            },
        ),
        migrations.RunPython(lengths_from_calendars, migrations.RunPython.noop),
    ]
