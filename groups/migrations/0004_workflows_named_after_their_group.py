"""Group workflows and their approval tasks were named "Menskracht: goedkeuring (ea0fcf09)"
and "Goedkeuring door de beheerders van Menskracht"; Wagtail puts those names on buttons and
in mail ("Stuur door naar …"), in either language. They become the group's name. A name an
administrator changed since is left alone."""

import re

from django.db import migrations

OLD_WORKFLOW = re.compile(r"^(?P<title>.*): goedkeuring \([0-9a-f]{8}\)$")
OLD_TASK = "Goedkeuring door de beheerders van "


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    for workflow in Workflow.objects.all():
        match = OLD_WORKFLOW.match(workflow.name)
        if not match:
            continue
        workflow.name = match["title"]
        workflow.save(update_fields=["name"])
        task_ids = WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
        for task in Task.objects.filter(pk__in=task_ids, name__startswith=OLD_TASK):
            task.name = task.name.removeprefix(OLD_TASK)
            task.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_membership_moves_to_access"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
