"""Failed log-ins are counted in a store that every server process shares: five
wrong passwords for an account lock it out whichever process answers next.

Two `mutua runserver` processes serve one SQLite file; the attempts alternate
between them, under one host name as behind a reverse proxy (allauth counts an
account's failures per host name: the site is the request's host). The store is the database's cache table, or Redis when REDIS_URL
is set (that case runs only then; the suite then clears that Redis database
before each test, as it does the cache table).
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid

import pytest
from django.core.cache import cache

from mutua.demo import throwaway

PASSWORD = "a-long-test-password"
REDIS_URL = os.environ.get("REDIS_URL", "")
WRONG = "are not correct"
LOCKED = "Too many failed login attempts"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 — our own command, fixed arguments
        [sys.executable, "-m", "mutua", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


class Browser:
    """One visitor (one cookie jar) who may reach either server."""

    def __init__(self) -> None:
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )

    def log_in(self, port: int, email: str, password: str) -> str:
        url = f"http://127.0.0.1:{port}/accounts/login/"
        with self.opener.open(self.request(url)) as response:
            form = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        data = {"csrfmiddlewaretoken": token, "login": email, "password": password}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.request(url, body)) as response:
            return response.read().decode()

    @staticmethod
    def request(url: str, body: bytes | None = None) -> urllib.request.Request:
        # Always http://127.0.0.1 (the servers started here).
        return urllib.request.Request(url, body, headers={"Host": "localhost"})  # noqa: S310


@pytest.mark.slow
@pytest.mark.parametrize(
    "store",
    [
        pytest.param({}, id="database"),
        pytest.param(
            {"REDIS_URL": REDIS_URL},
            id="redis",
            marks=pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set"),
        ),
    ],
)
def test_five_failures_lock_an_account_out_on_every_server(tmp_path, store):
    env = throwaway.environment(tmp_path) | {"DEBUG": "1"}
    env.pop("REDIS_URL", None)
    env |= store
    if store:  # this process's cache is that Redis too: no attempt counted yet
        cache.clear()
    throwaway.mutua("migrate", "--no-input", "-v", "0", env=env)
    email = f"{uuid.uuid4().hex}@example.org"
    throwaway.mutua(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "from allauth.account.models import EmailAddress;"
        f"user = User.objects.create_user({email!r}, {email!r}, {PASSWORD!r});"
        "EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)",
        env=env,
    )
    ports = [free_port(), free_port()]
    servers = [start(env, port) for port in ports]
    try:
        visitor = Browser()
        for attempt in range(5):
            answer = visitor.log_in(ports[attempt % 2], email, "wrong")
            assert WRONG in answer, f"attempt {attempt + 1}"
        for port in ports:
            assert LOCKED in visitor.log_in(port, email, PASSWORD), f"port {port}"
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
