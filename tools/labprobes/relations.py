"""Report every model field that relates one of the given apps to another.

Run by `LabTree.probe` in the tree's `manage.py shell`, given `apps` (a list
of app labels). It reads Django's apps registry, so it sees a relation
whatever the database makes of it: a `ForeignKey` with `db_constraint=False`
has no foreign key in SQLite but still joins.
"""

import json
import os

from django.apps import apps


def relations(*, labels: set[str]) -> list[str]:
    """Return `app.Model.field -> app.Model` for each relation between the apps."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in labels:
            continue
        for field in model._meta.get_fields():
            related = field.related_model
            if (field.auto_created and not field.concrete) or related is None:
                continue
            if isinstance(related, str) or related._meta.app_label not in labels:
                continue
            if related._meta.app_label != model._meta.app_label:
                found.append(
                    f"{model._meta.label}.{field.name} -> {related._meta.label}"
                )
    return found


given = json.loads(os.environ["LAB_PROBE"])
print("LAB-PROBE " + json.dumps(relations(labels=set(given["apps"]))))
