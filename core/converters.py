"""The ``<id:…>`` path converter: a database id in an address. Django's ``<int:…>``
takes any number of digits, and a number beyond what the database can hold fails in the
query (SQLite cannot even bind it), so an address with one answered 500. An id beyond the
largest 64-bit integer matches no address here, and the reader gets the site's 404.

Importing this module registers the converter: core's AppConfig.ready does, before any URL
configuration is read, and so does a module that declares routes earlier (a routable
page's model)."""

from django.urls import register_converter

LARGEST_ID = 2**63 - 1


class DatabaseId:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(value)  # Django takes this as "no match"
        return number

    def to_url(self, value):
        return str(value)


register_converter(DatabaseId, "id")
