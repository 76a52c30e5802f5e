"""The end-to-end tests share the public-API suite's clients and data builders.

The fault tests also report what they counted: each line lands in a section
of the run's summary, so `make test` shows the counts, not only a dot.
"""

from collections.abc import Callable

import pytest

from tests.public_api.conftest import api, order, shop, user

__all__ = ["api", "order", "report_counts", "shop", "user"]

_reports: list[str] = []


@pytest.fixture
def report_counts() -> Callable[[str], None]:
    """Return how a fault test puts its counts in the run's summary."""
    return _reports.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every fault test's counts after the run, whether it passed or not."""
    if _reports:
        terminalreporter.section("faults and races: what each run counted")
        for line in _reports:
            terminalreporter.write_line(line)
