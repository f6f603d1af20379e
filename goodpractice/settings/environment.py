"""Reading settings from the environment, and saying in one line what is wrong with them."""

import os

from django.core.exceptions import ImproperlyConfigured


class SettingError(ImproperlyConfigured):
    """A setting that is missing or wrong; manage.py and wsgi.py print it as one line."""


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def required(name, explanation):
    """The variable's value, or a SettingError naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise SettingError(f"{name} is not set: {explanation}")
    return value


def required_list(name, explanation):
    values = env_list(name)
    if not values:
        raise SettingError(f"{name} is not set: {explanation}")
    return values
