from django.apps import AppConfig


class ClassificationConfig(AppConfig):
    """What items and resources are classified by: themes, regions, audiences and the
    protected characteristics of the Equality Act 2010."""

    name = "goodpractice.classification"
    label = "classification"
    verbose_name = "Classification"
    default_auto_field = "django.db.models.BigAutoField"
