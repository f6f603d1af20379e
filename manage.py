#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.dev")

    from django.core.management import execute_from_command_line

    from goodpractice.settings.environment import SettingError

    try:
        execute_from_command_line(sys.argv)
    except SettingError as error:
        sys.exit(f"Configuration error: {error}")
