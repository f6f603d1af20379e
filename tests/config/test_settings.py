"""Production settings refuse to start without what they need, in one line naming it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GOOD = {
    "DJANGO_SETTINGS_MODULE": "goodpractice.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "goodpractice.example.nhs.uk",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/goodpractice",
    "WAGTAILADMIN_BASE_URL": "https://goodpractice.example.nhs.uk",
}


def check(**overrides):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is theirs, not a deployment's.
    env = {**os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE": None, **GOOD, **overrides}
    env = {name: value for name, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", ""),
        ("ALLOWED_HOSTS", None),
        ("ALLOWED_HOSTS", " , "),
        ("DATABASE_URL", None),
        ("DATABASE_URL", "sqlite:///db.sqlite3"),
        ("WAGTAILADMIN_BASE_URL", None),
        ("WAGTAILADMIN_BASE_URL", "goodpractice.example.nhs.uk"),
    ],
)
def test_a_missing_or_wrong_setting_stops_start_up_in_one_line(name, value):
    result = check(**{name: value})

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {name} ")
    assert "Traceback" not in result.stderr


def test_the_deployment_checks_pass_with_the_production_settings():
    result = check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
