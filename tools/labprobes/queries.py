"""Count the database queries of one GET at each of the given page sizes.

Run by `LabTree.probe` in the tree's `manage.py shell`, given `url` (a path
taking `?page_size=`) and `page_sizes`, on a database with rows to list. It
reports, per page size, the status, the number of results and the number of
queries, after one request that warms the process up.
"""

import json
import os
from http import HTTPStatus

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment


def count(*, url: str, size: int) -> dict[str, int]:
    """GET one page of the given size and count what it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, {"page_size": size})
    ok = response.status_code == HTTPStatus.OK
    results = len(response.json().get("results", [])) if ok else 0
    return {"status": response.status_code, "results": results, "queries": len(queries)}


given = json.loads(os.environ["LAB_PROBE"])
setup_test_environment()
Client().get(given["url"])
report = {size: count(url=given["url"], size=size) for size in given["page_sizes"]}
print("LAB-PROBE " + json.dumps(report))
