"""``python -m site_config.ensure_database <postgres url>``: create the database the URL
names if the server does not have it yet (for make serve-prod and the benchmark)."""

import sys
from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql


def ensure_database(url):
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(parts._replace(path="/postgres").geturl())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


if __name__ == "__main__":
    ensure_database(sys.argv[1])
