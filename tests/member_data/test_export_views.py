"""The "Your data" page, asking for a download, the mail with its link, the download
itself for its member only, expiry, hostile tokens, the limits on asking, failures
tried again, and the daily clean-up."""

import logging
import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext

import pytest
from django_tasks_db.models import DBTaskResult

from member_data.exports import TOKEN_LENGTH, ask_for_export, new_token, remove_expired_exports, token_hash
from member_data.models import DataExport
from member_data.storage import export_storage
from member_data.tasks import build_export
from outbox.models import Mail

from .conftest import OTHERS_SECRETS, logged_in, read_zip

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"'<>]+")


def url(name, language="nl", **kwargs):
    with translation.override(language):
        return reverse(f"member_data:{name}", kwargs=kwargs or None)


def download_path(message):
    [link] = [found for found in LINK.findall(message.body) if "/download/" in found]
    return "/" + link.split("/", 3)[3]


def ask(client, language="nl"):
    return client.post(url("index", language), follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def anna_asked(world):
    """Anna asked for her data; the worker made it and the mail is out."""
    client = logged_in(world.anna)
    response = ask(client)
    assert response.status_code == 200
    [message] = [m for m in mail.outbox if m.to == ["anna@samen.test"]]
    return client, download_path(message)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_explains_the_download_in_both_languages(world, language):
    response = logged_in(world.anna).get(url("index", language))
    assert response.status_code == 200
    assert response["Cache-Control"].count("private") == 1 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    with translation.override(language):
        assert gettext("Your data") in html and gettext("Download my data") in html
    assert f'<html lang="{language}"' in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "24" in html


def test_the_profile_lists_the_data_page_among_the_settings(world):
    with translation.override("nl"):
        profile = reverse("profiles:profile", args=[world.anna.pk])
    response = logged_in(world.anna).get(profile)
    assert f'href="{url("index")}"' in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(world):
    for response in [Client().get(url("index")), Client().post(url("index"))]:
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not DataExport.objects.exists()


def test_asking_makes_the_zip_and_mails_a_link_that_downloads_it(world, anna_asked):
    client, path = anna_asked
    export = DataExport.objects.get(member=world.anna)
    assert export.status == DataExport.Status.READY and export.size > 0
    assert export.expires_at - export.ready_at == timedelta(hours=24)
    assert len(export.token_hash) == 64 and path.rstrip("/").split("/")[-1] not in export.token_hash
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    files = read_zip(b"".join(response.streaming_content))
    assert {"data.json", "README.txt"} <= set(files)
    assert any(name.startswith("images/") for name in files)
    assert b"anna@samen.test" in files["data.json"]
    for secret in OTHERS_SECRETS:
        assert secret.encode() not in files["data.json"]


def test_the_zip_is_stored_where_no_address_serves_it(world, anna_asked, settings):
    export = DataExport.objects.get(member=world.anna)
    location = str(export_storage().path(export.file_name))
    assert not location.startswith(str(settings.MEDIA_ROOT))
    assert re.fullmatch(r"[0-9a-f]{48}\.zip", export.file_name)
    assert Client().get(f"{settings.MEDIA_URL}{export.file_name}").status_code == 404


def test_the_mail_reaches_a_real_mail_server_in_the_members_language(world, smtp_delivery):
    world.anna.language = "en"
    world.anna.save()
    ask(logged_in(world.anna))
    [received] = [item.message for item in smtp_delivery.received if item.rcpt_tos == ["anna@samen.test"]]
    with translation.override("en"):
        assert received["Subject"] == gettext("Your data is ready to download")
    body = received.get_payload(decode=True).decode()
    assert body.startswith("Hello Anna de Vries,")
    [link] = [found for found in LINK.findall(body) if "/download/" in found]
    assert link.startswith("http") and "/en/leden/" in link
    assert Mail.objects.get(to="anna@samen.test").status == Mail.Status.SENT
    response = logged_in(world.anna).get("/" + link.split("/", 3)[3])
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"


def test_a_dutch_member_gets_the_mail_in_dutch(world, anna_asked):
    [message] = [m for m in mail.outbox if m.to == ["anna@samen.test"]]
    assert message.body.startswith("Hallo Anna de Vries,")
    with translation.override("nl"):
        assert message.subject == gettext("Your data is ready to download")
    assert "/nl/leden/" in message.body


def test_another_member_gets_not_found_and_anonymous_is_sent_to_log_in(world, anna_asked):
    _client, path = anna_asked
    assert logged_in(world.bert).get(path).status_code == 404
    response = Client().get(path)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "A" * TOKEN_LENGTH,
        "A" * (TOKEN_LENGTH + 1),
        "A" * 5000,
        "<script>alert(1)</script>",
        "'%20OR%201=1--",
        "%00",
        "..%2F..%2Fetc%2Fpasswd",
        "%F0%9F%98%80" * 20,
    ],
)
def test_hostile_and_wrong_tokens_are_not_found(world, anna_asked, token):
    client, _path = anna_asked
    response = client.get(url("download", token="PLACEHOLDER").replace("PLACEHOLDER", token))
    assert response.status_code == 404
    assert b"<script>alert(1)</script>" not in response.content


def test_the_right_token_in_another_case_or_with_a_character_more_is_not_found(world, anna_asked):
    client, path = anna_asked
    token = path.rstrip("/").split("/")[-1]
    assert client.get(path.replace(token, token.swapcase())).status_code == 404
    assert client.get(path.replace(token, token + "A")).status_code == 404
    assert client.get(path.replace(token, token[:-1])).status_code == 404


def test_other_methods_are_refused(world, anna_asked):
    client, path = anna_asked
    assert client.post(path).status_code == 405
    assert client.put(url("index")).status_code == 405


def test_an_expired_link_says_so_and_offers_a_new_download(world, anna_asked):
    client, path = anna_asked
    DataExport.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(path)
    assert response.status_code == 410
    html = response.content.decode()
    with translation.override("nl"):
        assert gettext("This download link has expired") in html
        assert gettext("Download my data") in html
    assert f'action="{url("index")}"' in html
    assert response["Content-Type"].startswith("text/html")


def test_asking_again_while_one_is_made_is_refused_with_a_message(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = logged_in(world.anna)
    ask(client)
    assert DBTaskResult.objects.filter(task_path="member_data.tasks.build_export").count() == 1
    response = ask(client)
    with translation.override("nl"):
        expected = gettext(
            "Your download is being made. You will receive an e-mail with the link as soon as it is ready."
        )
    assert messages_of(response) == [expected]
    assert DataExport.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="member_data.tasks.build_export").count() == 1


def test_more_than_three_a_day_is_refused(world):
    client = logged_in(world.anna)
    for _ in range(3):
        ask(client)
    response = ask(client)
    assert DataExport.objects.filter(member=world.anna).count() == 3
    assert "3" in messages_of(response)[0]
    # Another member is not held back by Anna's.
    ask(logged_in(world.bert))
    assert DataExport.objects.filter(member=world.bert).count() == 1
    # A day later she may again.
    DataExport.objects.update(created_at=timezone.now() - timedelta(hours=25))
    ask(client)
    assert DataExport.objects.filter(member=world.anna).count() == 4


def test_a_failing_export_is_logged_tried_again_later_and_then_given_up(world, settings, tmp_path, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # A storage that cannot be written: its folder is a file.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEMBER_DATA_EXPORT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(blocked / "exports")},
    }
    export = ask_for_export(world.anna)
    for attempt in range(1, 5):
        with caplog.at_level(logging.WARNING, logger="member_data"), pytest.raises(OSError):
            build_export.call(export.pk)
        export.refresh_from_db()
        assert export.attempts == attempt
    assert export.status == DataExport.Status.FAILED
    retries = DBTaskResult.objects.filter(task_path="member_data.tasks.build_export").order_by("run_after")
    assert retries.count() == 3 and all(retry.run_after > timezone.now() for retry in retries)
    assert "failed (attempt 1)" in caplog.text and "given up" in caplog.text
    assert not mail.outbox
    # Having failed, she may ask again at once.
    assert ask_for_export(world.anna).status == DataExport.Status.QUEUED


def test_a_task_run_again_makes_nothing_twice(world, anna_asked):
    export = DataExport.objects.get(member=world.anna)
    assert build_export.call(export.pk) == "nothing to do"
    assert DataExport.objects.get(pk=export.pk).token_hash == export.token_hash
    assert len([m for m in mail.outbox if m.to == ["anna@samen.test"]]) == 1


def test_the_daily_job_removes_expired_files_then_their_records(world, anna_asked):
    client, path = anna_asked
    export = DataExport.objects.get(member=world.anna)
    storage = export_storage()
    assert storage.exists(export.file_name)
    assert remove_expired_exports() == 0 and storage.exists(export.file_name)

    later = timezone.now() + timedelta(hours=25)
    assert remove_expired_exports(now=later) == 1
    assert not storage.exists(export.file_name)
    assert DataExport.objects.get(pk=export.pk).status == DataExport.Status.EXPIRED
    assert client.get(path).status_code == 410

    assert remove_expired_exports(now=later + timedelta(days=7)) == 0
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert client.get(path).status_code == 404


def test_a_file_gone_from_the_storage_is_not_found_rather_than_an_error(world, anna_asked):
    client, path = anna_asked
    export_storage().delete(DataExport.objects.get(member=world.anna).file_name)
    assert client.get(path).status_code == 404


def test_a_token_of_a_download_still_being_made_opens_nothing(world):
    export = ask_for_export(world.anna)
    token = new_token()
    DataExport.objects.filter(pk=export.pk).update(token_hash=token_hash(token))
    assert logged_in(world.anna).get(url("download", token=token)).status_code == 404


def test_the_page_links_to_deleting_the_account(world):
    html = logged_in(world.anna).get(url("index")).content.decode()
    with translation.override("nl"):
        assert f'href="{reverse("member_data:delete")}"' in html


def test_a_download_deleted_with_its_member_takes_its_file_along(world, anna_asked, django_capture_on_commit_callbacks):
    name = DataExport.objects.get(member=world.anna).file_name
    with django_capture_on_commit_callbacks(execute=True):
        world.anna.delete()
    assert not DataExport.objects.exists()
    assert not export_storage().exists(name)


def test_the_clean_up_runs_daily_among_the_periodic_jobs(settings):
    function, every = settings.PERIODIC_JOBS["remove-expired-data-exports"]
    assert import_string(function) is remove_expired_exports and every == 24 * 60 * 60


def test_asking_without_the_security_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.anna)
    assert client.post(url("index")).status_code == 403
    assert not DataExport.objects.exists()


@pytest.mark.parametrize(
    "junk",
    [{"member": "2"}, {"email": "bert@samen.test"}, {"x": "<script>alert(1)</script>" * 500}, {"id": "1 OR 1=1"}],
)
def test_what_else_a_form_sends_changes_nothing(world, junk):
    response = logged_in(world.anna).post(url("index"), junk, follow=True)
    assert response.status_code == 200
    [export] = DataExport.objects.all()
    assert export.member == world.anna
    assert not [m for m in mail.outbox if m.to != ["anna@samen.test"]]
    assert b"<script>alert(1)</script>" not in response.content
