"""``manage.py db_worker``: django-tasks-db's worker, with what Samen adds beside its task
loop (background/worker.py): it reports itself alive, so that the tasks of a worker that
died are run again, and it keeps time for the periodic jobs (``PERIODIC_JOBS``).

This app comes before ``django_tasks_db`` in ``INSTALLED_APPS``, so this command is the
one ``manage.py db_worker`` runs."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from background.worker import Companion


class Command(DatabaseWorkerCommand):
    help = "Run tasks from the database queue, report this worker alive and enqueue the periodic jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-clock",
            action="store_false",
            dest="clock",
            help="Do not enqueue periodic jobs from this worker (other workers still do).",
        )

    def handle(self, *args, clock=True, **options):
        # With --reload this process only watches the code and starts the worker again in a
        # child process when it changes; the child is the one that runs tasks.
        if options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, **options)
        companion = Companion(options["worker_id"], clock=clock)
        companion.start()
        try:
            return super().handle(*args, **options)
        finally:
            companion.stop()
