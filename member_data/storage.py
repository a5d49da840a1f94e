"""Where members' downloads are kept: a storage of their own (the setting
``MEMBER_DATA_EXPORT_STORAGE``), never the default one. The default storage's files are
handed out at MEDIA_URL by the proxy or the S3 bucket to anyone with the address; these
are read only by the download view, for the member they belong to."""

from django.conf import settings
from django.utils.module_loading import import_string


def export_storage():
    config = settings.MEMBER_DATA_EXPORT_STORAGE
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
