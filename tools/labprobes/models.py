"""Report the models a Django project defines in its own code, with their tables.

Run by `LabTree.probe` in the tree's `manage.py shell`, given nothing. It
reads Django's apps registry, so it sees every installed app's models
whether or not their tables exist yet. Models of installed packages
(Django's own auth and sessions, third-party apps) are left out: they are
not the project's data.
"""

import inspect
import json
from pathlib import Path

from django.apps import apps


def own_models() -> list[dict[str, str]]:
    """Return `label` and `table` of each model defined outside site-packages."""
    found = []
    for model in apps.get_models():
        source = Path(inspect.getfile(model))
        if "site-packages" in source.parts or "dist-packages" in source.parts:
            continue
        found.append({"label": model._meta.label, "table": model._meta.db_table})
    return found


print("LAB-PROBE " + json.dumps(own_models()))
