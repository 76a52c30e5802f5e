"""A changes feed in memory, for the tests of reconciliation and its task."""

from collections.abc import Sequence

from shared.events import UserChanged
from shared.users.feed import ChangesPage


class FakeChangesFeed:
    """Users' changes feed in memory: the events given, read as the service pages."""

    def __init__(self, changes: Sequence[UserChanged]) -> None:
        """Hold the changes, in sequence order; no page read yet."""
        self.changes = list(changes)
        self.reads: list[tuple[int, int]] = []

    def changes_after(self, *, after: int, limit: int) -> ChangesPage:
        """Return up to `limit` changes after `after`, as /internal/changes/ does."""
        self.reads.append((after, limit))
        page = [change for change in self.changes if change.sequence > after][:limit]
        return ChangesPage(
            changes=tuple(page),
            last=page[-1].sequence if page else after,
            head=max((change.sequence for change in self.changes), default=0),
        )
