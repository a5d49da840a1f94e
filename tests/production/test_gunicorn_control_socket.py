"""gunicorn's control socket: two Samen servers on one machine (make bench beside make
serve-prod, the two-server tests) never share one.

gunicorn 25+ opens it at ``~/.gunicorn/gunicorn.ctl`` for every server of a user; each
new server unlinks the previous one's socket and takes the path, so ``gunicornc`` reaches
whichever started last. Two real servers from gunicorn.conf.py, with their own home
directory so that the real one is never touched."""

import os
import tempfile
from pathlib import Path

import pytest
from gunicorn.ctl.client import ControlClient

from tests.production.servers import free_port, own_environment, start_server, stop_servers, wait_until_healthy


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="samen-control-socket-") as folder:
        yield Path(folder)


def environment(workdir):
    """The production settings with nothing but /healthz to answer: no database is touched."""
    own = {key: value for key, value in own_environment().items() if key != "XDG_RUNTIME_DIR"}
    return {
        **own,
        "HOME": str(workdir / "home"),
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "samen-control-socket-test-only-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{workdir / 'unused.sqlite3'}",
        "HTTPS_ONLY": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "PYTHONUNBUFFERED": "1",
    }


def two_servers(workdir, sockets=None):
    ports = [free_port()]
    while len(ports) < 2:
        port = free_port()
        if port not in ports:
            ports.append(port)
    servers = []
    for index, (name, port) in enumerate(zip("AB", ports, strict=True)):
        extra = {"GUNICORN_CONTROL_SOCKET": str(sockets[index])} if sockets else {}
        servers.append(start_server(name, port, environment(workdir), workdir, **extra))
    return servers


def test_by_default_no_server_opens_the_shared_control_socket(workdir):
    (workdir / "home").mkdir()
    servers = two_servers(workdir)
    try:
        wait_until_healthy(servers)
        assert not (workdir / "home" / ".gunicorn").exists(), os.listdir(workdir / "home" / ".gunicorn")
        for server in servers:
            assert "Control socket listening" not in server.log.read_text()
    finally:
        stop_servers(servers)


def test_each_server_given_a_path_answers_on_its_own_socket(workdir):
    (workdir / "home").mkdir()
    sockets = [workdir / "a.ctl", workdir / "b.ctl"]
    servers = two_servers(workdir, sockets)
    try:
        wait_until_healthy(servers)
        for server, path in zip(servers, sockets, strict=True):
            client = ControlClient(str(path), timeout=10)
            try:
                config = client.send_command("show config")
            finally:
                client.close()
            assert config["bind"] == [f"127.0.0.1:{server.port}"], config
            assert config["control_socket"] == str(path)
        assert not (workdir / "home" / ".gunicorn").exists()
    finally:
        stop_servers(servers)
    left = [server.log.read_text()[-3000:] for server, path in zip(servers, sockets, strict=True) if path.exists()]
    assert not left, "a stopped server leaves its socket behind:\n" + "\n".join(left)
