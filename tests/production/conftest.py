"""Tests of the production configuration, run against real servers: the production settings
under gunicorn, with collected static files, PostgreSQL, Redis and the task worker.

`.ci/run` starts that stack and sets PRODUCTION_URL (the running site) and
PRODUCTION_DATABASE_URL, PRODUCTION_REDIS_URL, PRODUCTION_STATIC_ROOT, PRODUCTION_MEDIA_ROOT,
PRODUCTION_PRIVATE_ROOT and PRODUCTION_MAIL_DIR (what it was started with); without them
these tests are skipped.
`make serve` starts the same stack by hand.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_URL = os.environ.get("PRODUCTION_URL", "").rstrip("/")


def pytest_collection_modifyitems(config, items):
    if PRODUCTION_URL:
        return
    skip = pytest.mark.skip(
        reason="needs the production stack: set PRODUCTION_URL (.ci/run starts it and sets it)"
    )
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(skip)


@pytest.fixture
def site():
    return PRODUCTION_URL


@pytest.fixture
def browser():
    with requests.Session() as session:
        session.headers["User-Agent"] = "goodpractice-production-tests"
        yield session


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """A TCP relay to a service that a test can cut and restore, as an outage would."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.connections = []
        self.open()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # Shut down first: a close alone leaves the accepting thread's socket listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self.connections = []

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()


class Server:
    """The production settings under gunicorn, started for one test with its own environment."""

    def __init__(self, **environment):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = PROJECT / f".production-test-{self.port}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "goodpractice.settings.production",
            "ALLOW_PLAIN_HTTP": "true",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": self.url,
            "STATIC_ROOT": os.environ.get("PRODUCTION_STATIC_ROOT", ""),
            "MEDIA_ROOT": os.environ.get("PRODUCTION_MEDIA_ROOT", ""),
            "SUBMISSION_PRIVATE_ROOT": os.environ.get("PRODUCTION_PRIVATE_ROOT", ""),
            "SUBMISSION_MIN_FILL_SECONDS": "0",
            "SECRET_KEY": os.environ.get("PRODUCTION_SECRET_KEY", "production-tests-" * 4),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            **environment,
        }
        self.output = self.log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "goodpractice/gunicorn.py",
                "goodpractice.wsgi",
            ],
            cwd=PROJECT,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()}")

    def logged(self):
        self.output.flush()
        return self.log.read_text()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.output.close()
        self.log.unlink(missing_ok=True)


@pytest.fixture
def start_server():
    servers = []

    def start(**environment):
        server = Server(**environment)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
