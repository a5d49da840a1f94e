"""``python -m site_config.ensure_database <postgres url>``: create the database the URL
names if the server does not have it yet (for make serve-prod and the benchmark)."""

import sys
from urllib.parse import urlparse

import psycopg
from psycopg import sql


def ensure_database(url):
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    # CREATE DATABASE cannot run inside a transaction.
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if __name__ == "__main__":
    ensure_database(sys.argv[1])
