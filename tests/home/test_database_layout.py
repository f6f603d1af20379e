"""A developer's database from before the apps were split is set aside, never migrated into
a traceback, and never deleted."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def manage(database, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env["DJANGO_SETTINGS_MODULE"] = "goodpractice.settings.test"
    return subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def old_layout_database(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE django_migrations (id integer, app text, name text, applied text)")
        db.execute("INSERT INTO django_migrations VALUES (1, 'goodpractice', '0001_initial', '')")
        db.execute("CREATE TABLE goodpractice_theme (id integer)")


def test_an_old_layout_sqlite_file_is_kept_aside_and_the_site_says_so(tmp_path):
    database = tmp_path / "db.sqlite3"
    old_layout_database(database)

    result = manage(database, "check_database_layout")

    assert result.returncode == 0, result.stderr
    assert "was made by an older version of this site" in result.stdout
    assert not database.exists()
    kept = list(tmp_path.glob("db.sqlite3.old-layout-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as db:
        assert db.execute("SELECT app FROM django_migrations").fetchall() == [("goodpractice",)]


@pytest.mark.parametrize("made", [False, True])
def test_a_current_or_new_database_is_left_alone(tmp_path, made):
    database = tmp_path / "db.sqlite3"
    if made:
        with sqlite3.connect(database) as db:
            db.execute("CREATE TABLE django_migrations (id integer, app text, name text)")
            db.execute("INSERT INTO django_migrations VALUES (1, 'home', '0001_initial')")

    result = manage(database, "check_database_layout")

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    if made:
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT app FROM django_migrations").fetchall() == [("home",)]
    assert not list(tmp_path.glob("*.old-layout-*"))
