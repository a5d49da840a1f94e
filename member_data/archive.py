"""The ZIP a member downloads: data.json, README.txt in their language, and their
pictures under images/. It is written to a temporary file (a member with many pictures
makes a large one, never held in memory) and then stored privately."""

import json
import logging
import shutil
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from wagtail.models import Site

from accounts.member_mail import member_language
from theme.look import default_look, look_for_site

from .content import member_data
from .storage import export_storage

logger = logging.getLogger(__name__)


def _site_name():
    site = Site.objects.filter(is_default_site=True).first()
    return (look_for_site(site) if site is not None else default_look())["name"]


def _readme(member, data):
    language = member_language(member)
    with translation.override(language):
        return render_to_string(
            "member_data/export/README.txt",
            {
                "member": member,
                "site_name": _site_name(),
                "made_at": date_format(timezone.localtime(data["made_at"]), "DATETIME_FORMAT"),
            },
        )


def _add_file(archive, name, field_file):
    """Copy a stored file into the ZIP; a file the storage lost is left out and logged,
    the rest of the download is still made."""
    try:
        with field_file.open("rb") as source, archive.open(name, "w") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
    except FileNotFoundError:
        logger.warning("The file %s of a data download is missing from the storage; it is left out.", field_file.name)
        return False
    return True


def write_archive(member, file_name):
    """Make the ZIP of ``member``'s data and store it as ``file_name`` in the private
    storage (replacing what an earlier, interrupted run left). Returns its size."""
    data, attachments = member_data(member)
    storage = export_storage()
    with tempfile.TemporaryFile(dir=getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            missing = [a.name for a in attachments if not _add_file(archive, a.name, a.file)]
            if missing:
                data["missing_files"] = missing
            archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            archive.writestr("README.txt", _readme(member, data))
        size = spool.tell()
        spool.seek(0)
        if storage.exists(file_name):
            storage.delete(file_name)
        stored = storage.save(file_name, File(spool, name=file_name))
    if stored != file_name:
        raise RuntimeError(f"The storage kept the data download as {stored!r}, not {file_name!r}.")
    return size
