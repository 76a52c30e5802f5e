"""Pull: reading users' changes feed to repair the replica, and building it at first.

`replica_reconcile` runs on beat's clock. It reads the feed from where it
last stopped and applies each change the replica lacks, through the same
compare-and-set as a pushed event, so whatever the push path lost (a
message in a Redis that died, a worker killed mid-task, a queue nobody
consumed) is repaired within one period. With push switched off it alone
keeps the replica. `replica_backfill` builds the replica from the users
list and sets the cursor to where the feed stood before the list was read,
so reconciliation picks up every change made meanwhile. See
docs/04-celery-sync.md, "Pull: reconciliation".
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from orders.models import Customer, SyncCursor
from orders.sync import customer_apply, user_snapshot
from shared.users.client import UserSnapshot
from shared.users.feed import ChangesFeed

logger = logging.getLogger(__name__)

USERS_FEED = "users"


@dataclass(frozen=True, kw_only=True)
class Reconciled:
    """What one reconciliation read, repaired (user id, version) and reached."""

    read: int
    repaired: tuple[tuple[int, int], ...]
    position: int


def replica_reconcile(
    *, feed: ChangesFeed, page_size: int = 200, max_pages: int = 50
) -> Reconciled:
    """Apply the feed's changes after the cursor that the replica lacks; move it on.

    Idempotent: a change already applied is older or as new as the row, and
    the cursor only moves forward. A feed whose newest change is behind the
    cursor was started again (its database reset), so it is read from 0 and
    the cursor moves back to it.
    """
    position = _cursor().position
    read, repaired, restarted = 0, [], False
    for _ in range(max_pages):
        page = feed.changes_after(after=position, limit=page_size)
        if page.head < position:
            logger.warning("The users feed restarted (%s < %s)", page.head, position)
            position, restarted = 0, True
            continue
        for change in page.changes:
            if customer_apply(user=user_snapshot(change)):
                repaired.append((change.user_id, change.user_version))
        read, position = read + len(page.changes), page.last
        if not page.changes or position >= page.head:
            break
    _cursor_moved(position=position, repaired=len(repaired), restarted=restarted)
    if repaired:
        logger.info("Reconciliation repaired %s customers: %s", len(repaired), repaired)
    return Reconciled(read=read, repaired=tuple(repaired), position=position)


def _cursor() -> SyncCursor:
    """Return the users feed's cursor, created at 0 the first time."""
    cursor, _ = SyncCursor.objects.get_or_create(feed=USERS_FEED)
    return cursor


def _cursor_moved(*, position: int, repaired: int, restarted: bool = False) -> None:
    """Record a run: the cursor moves to `position` unless another run went further.

    After the feed restarted it moves back, to where the new feed was read:
    left at the old feed's position, it would skip the new feed's changes
    below that position once the new head passes it.
    """
    cursor = SyncCursor.objects.filter(feed=USERS_FEED)
    cursor.update(
        last_run_at=timezone.now(),
        last_repaired=repaired,
        repaired_total=F("repaired_total") + repaired,
    )
    if not restarted:
        cursor = cursor.filter(position__lt=position)
    cursor.update(position=position)


def replica_backfill(*, users: Iterable[UserSnapshot], head: int) -> int:
    """Apply every user given, then move the cursor to `head`; return how many changed.

    `head` is the feed's newest sequence read before `users` was: changes
    made while the list was read come after it, and reconciliation applies
    them. Safe to run again: the compare-and-set skips what is current.
    """
    changed = sum(customer_apply(user=user) for user in users)
    _cursor()
    _cursor_moved(position=head, repaired=0)
    return changed


def replica_checksum(*, users: Iterable[UserSnapshot]) -> str:
    """Return a checksum of users as (id, name, email, is_active, version) rows."""
    digest = hashlib.sha256()
    for user in sorted(users, key=lambda user: user.id):
        row = (
            *(user.id, user.name, user.email, user.is_active, user.version),
            user.credit_limit,
        )
        digest.update(repr(row).encode())
    return digest.hexdigest()


def replica_users() -> list[UserSnapshot]:
    """Return every user the replica holds, as snapshots."""
    return [
        UserSnapshot(
            id=row.user_id,
            name=row.name,
            email=row.email,
            is_active=row.is_active,
            version=row.version,
            credit_limit=row.credit_limit,
        )
        for row in Customer.objects.all()
    ]
