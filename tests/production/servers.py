"""Two application servers on the production settings, as on a real deployment: separate
gunicorn processes that share one PostgreSQL database and one Redis database.

Used by ``test_two_servers.py``. Nothing here imports Django: the servers and the
management commands run in their own processes, with the production settings."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import redis
import requests
from bs4 import BeautifulSoup
from psycopg import sql

from accounts.factories import current_code

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the virtualenv pytest runs in: python, gunicorn
# With parallel test workers (pytest-xdist) each worker that runs these tests gets its own
# database and Redis database: the scheduler may hand the module's tests to several.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
DATABASE_NAME = f"samen_two_servers_{_WORKER}"
REDIS_URL = f"redis://127.0.0.1:6379/{3 + _WORKER % 12}"
SECRET_KEY = "samen-two-servers-test-only-" + "k" * 40
# Reads only count for browsers: the bot patterns skip python-requests' own user agent.
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def site_variables():
    """The environment variables the site's settings read."""
    source = (REPO / "site_config" / "settings" / "environment.py").read_text()
    return {"DJANGO_SETTINGS_MODULE", *re.findall(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", source)}


def server_url(database_url, name="postgres"):
    """``database_url`` (a postgres:// URL) pointing at the database ``name``."""
    return urlparse(database_url)._replace(path=f"/{name}").geturl()


def missing_service(database_url, redis_url=REDIS_URL):
    """Why these tests cannot run here (a sentence), or None when PostgreSQL and Redis answer."""
    try:
        psycopg.connect(server_url(database_url), connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL at {urlparse(database_url).netloc} does not answer: {str(error).strip()}"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {redis_url} does not answer: {error}"
    return None


def _admin_query(database_url, *statements):
    # DROP and CREATE DATABASE cannot run inside a transaction.
    with psycopg.connect(server_url(database_url), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def recreate_database(database_url, name=DATABASE_NAME):
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    _admin_query(database_url, drop, create)


def drop_database(database_url, name=DATABASE_NAME):
    _admin_query(database_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def flush_redis(redis_url=REDIS_URL):
    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()


def own_environment():
    """This process's environment less everything a server would take as its settings.

    A server started with it runs on exactly the settings added to it: none of the site's
    own variables (site_config/settings/environment.py), no gunicorn settings from the
    shell and none of the test process's switches (pytest-django's settings, the browser
    tests' async override) come along."""
    return {
        key: value
        for key, value in os.environ.items()
        if key not in site_variables()
        and key not in ("PORT", "DJANGO_ALLOW_ASYNC_UNSAFE")
        and not key.startswith(("PYTEST_", "GUNICORN_"))
    }


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CommandFailed(AssertionError):
    pass


@dataclass
class Server:
    """One gunicorn master (and its workers, in their own process group)."""

    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def signal(self, number):
        """Send ``number`` to the master and its workers (their own process group)."""
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, number)

    # Longer than gunicorn.conf.py's graceful_timeout (20 s): a worker slow to quit is the
    # master's to kill, so the master always exits by itself and cleans up (its control
    # socket included) instead of being killed here first.
    def wait(self, timeout=25):
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait(timeout=5)


@dataclass
class Deployment:
    """A fresh database with the demo content, and two servers on it."""

    database_url: str  # the shared database the servers use
    environment: dict
    workdir: Path
    ports: tuple
    servers: list = field(default_factory=list)

    @classmethod
    def prepare(cls, postgres_url):
        workdir = Path(tempfile.mkdtemp(prefix="samen-two-servers-"))
        port_a, port_b = free_port(), free_port()
        while port_b == port_a:
            port_b = free_port()
        database_url = server_url(postgres_url, DATABASE_NAME)
        environment = {
            **own_environment(),
            "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": SECRET_KEY,
            "DEBUG": "false",
            "HTTPS_ONLY": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_BASE_URL": f"http://127.0.0.1:{port_a}",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
        return cls(database_url=database_url, environment=environment, workdir=workdir, ports=(port_a, port_b))

    def manage(self, *arguments, timeout=300):
        """Run ``manage.py`` with the production environment; its output when it succeeds."""
        result = subprocess.run(  # noqa: S603 - our own interpreter running our own manage.py
            [str(BIN / "python"), "manage.py", *arguments],
            cwd=REPO,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise CommandFailed(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def manage_in_background(self, *arguments):
        return subprocess.Popen(  # noqa: S603
            [str(BIN / "python"), "manage.py", *arguments],
            cwd=REPO,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    @staticmethod
    def finish(process, what, timeout=300):
        output, _ = process.communicate(timeout=timeout)
        if process.returncode != 0:
            raise CommandFailed(f"{what} failed:\n{output}")
        return output

    def shell(self, code):
        """Python run by ``manage.py shell -c``; its last line of output, read as JSON."""
        lines = self.manage("shell", "-c", code).strip().splitlines()
        return json.loads(lines[-1]) if lines else None

    def start_servers(self):
        for name, port in zip("AB", self.ports, strict=True):
            self.servers.append(start_server(name, port, self.environment, self.workdir))

    def wait_until_healthy(self, timeout=60):
        wait_until_healthy(self.servers, timeout)

    def stop_servers(self):
        stop_servers(self.servers)

    def remove_files(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def query(self, statement, parameters=()):
        """Rows of a read-only query on the servers' database."""
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(statement, parameters).fetchall()


def start_server(name, port, environment, workdir, **extra):
    """gunicorn from gunicorn.conf.py on ``port``, as make serve-prod starts it, with two
    workers and ``extra`` variables; its output goes to ``workdir``."""
    log = workdir / f"gunicorn-{name}.log"
    environment = {
        **environment,
        "PORT": str(port),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        **extra,
    }
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=REPO,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole
        )
    return Server(name=name, port=port, process=process, log=log)


def wait_until_healthy(servers, timeout=60):
    deadline = time.monotonic() + timeout
    waiting = list(servers)
    while waiting:
        for server in list(waiting):
            if server.process.poll() is not None:
                raise CommandFailed(f"gunicorn {server.name} stopped:\n{server.log_tail()}")
            try:
                if requests.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                    waiting.remove(server)
            except requests.RequestException:
                pass
        if waiting and time.monotonic() > deadline:
            tails = "\n".join(server.log_tail() for server in waiting)
            raise CommandFailed(f"no answer on /healthz after {timeout}s:\n{tails}")
        if waiting:
            time.sleep(0.1)


def stop_servers(servers):
    # SIGQUIT is gunicorn's quick shutdown: nothing is left to finish after the tests.
    for server in servers:
        server.signal(signal.SIGQUIT)
    for server in servers:
        server.wait()


def browser():
    """A fresh visitor: a browser's user agent, Dutch first, no cookies."""
    session = requests.Session()
    session.headers.update({"User-Agent": FIREFOX, "Accept-Language": "nl,en;q=0.5"})
    return session


def csrf_token(html, form_selector="form"):
    """The security token in the first form that matches ``form_selector``."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no {form_selector!r} in the page"
    field = form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert field is not None, f"no security token in {form_selector!r}"
    return field["value"]


def form_fields(html, form_selector):
    """The named inputs of a form (hidden fields included), as a dict, and its action."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no {form_selector!r} in the page"
    fields = {
        element["name"]: element.get("value", "")
        for element in form.find_all(["input", "textarea"])
        if element.get("name") and element.get("type") not in ("radio", "checkbox", "submit")
    }
    return form.get("action", ""), fields


def log_in(session, server, email, password, authenticator_secret=None):
    """Log in through the real log-in form, as a member would; with the secret of their
    authenticator app, also through the second step that follows the password."""
    page = session.get(f"{server.url}/nl/account/login/", timeout=30)
    assert page.status_code == 200, page.status_code
    token = csrf_token(page.text, "form[action*='/account/login/']")
    response = session.post(
        f"{server.url}/nl/account/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": page.url},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, f"log-in as {email} on {server.name} failed ({response.status_code})"
    assert "/account/login/" not in response.headers["Location"], response.headers["Location"]
    if authenticator_secret is not None:
        second_step = f"{server.url}{response.headers['Location']}"
        assert "/account/2fa/authenticate/" in second_step, second_step
        page = session.get(second_step, timeout=30)
        token = csrf_token(page.text, "form[action*='/2fa/authenticate/']")
        response = session.post(
            second_step,
            data={"csrfmiddlewaretoken": token, "code": current_code(authenticator_secret)},
            headers={"Referer": second_step},
            timeout=30,
            allow_redirects=False,
        )
        assert response.status_code == 302, f"second step as {email} on {server.name} failed ({response.status_code})"
    return response
