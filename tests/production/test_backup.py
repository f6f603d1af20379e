"""The documented backup (docs/operations.md) restores: every row and every file comes back."""

import hashlib
import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from psycopg import sql


def run(command, **env):
    subprocess.run(command, shell=True, check=True, env={**os.environ, **env})  # noqa: S602


def rows_by_table(connection):
    """Each table's row count and a digest of all its rows, as `connection` sees them."""
    digest = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)), count(*) FROM {} t"
    tables = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    return {
        table: connection.execute(sql.SQL(digest).format(sql.Identifier(table))).fetchone()
        for (table,) in tables
    }


def files_in(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def test_a_backup_restores_into_a_new_database_with_every_row_and_file(tmp_path):
    database = os.environ["PRODUCTION_DATABASE_URL"]
    media, private = os.environ["PRODUCTION_MEDIA_ROOT"], os.environ["PRODUCTION_PRIVATE_ROOT"]
    assert files_in(media), "the demo content has uploaded documents"
    backup = tmp_path / "backup"
    backup.mkdir()
    env = {"DATABASE_URL": database, "MEDIA_ROOT": media, "SUBMISSION_PRIVATE_ROOT": private}

    # The site keeps running (the worker writes as it goes): the dump and the rows it is
    # compared with are read from one snapshot of the database.
    source = psycopg.connect(database)
    source.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    snapshot = source.execute("SELECT pg_export_snapshot()").fetchone()[0]
    run(
        f"pg_dump --snapshot={snapshot} --format=custom --file={backup}/database.dump"
        ' "$DATABASE_URL"'
        f' && tar -czf {backup}/media.tar.gz -C "$MEDIA_ROOT" .'
        f' && tar -czf {backup}/private.tar.gz -C "$SUBMISSION_PRIVATE_ROOT" .',
        **env,
    )
    backed_up = rows_by_table(source)
    source.close()

    restored = urlparse(database)._replace(path="/goodpractice_restored").geturl()
    server = urlparse(database)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS goodpractice_restored")
        connection.execute("CREATE DATABASE goodpractice_restored")
    restored_media, restored_private = tmp_path / "media", tmp_path / "private"
    restored_media.mkdir()
    restored_private.mkdir()
    run(
        f"pg_restore --no-owner --dbname={restored} {backup}/database.dump"
        f" && tar -xzf {backup}/media.tar.gz -C {restored_media}"
        f" && tar -xzf {backup}/private.tar.gz -C {restored_private}"
    )

    with psycopg.connect(restored) as connection:
        assert rows_by_table(connection) == backed_up
    assert files_in(restored_media) == files_in(media)
    assert files_in(restored_private) == files_in(private)
