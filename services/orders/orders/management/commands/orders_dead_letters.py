"""`manage.py orders_dead_letters`: list the messages set aside, or replay them.

`orders_dead_letters` lists those waiting, with their reasons;
`orders_dead_letters --replay ID` (or `--replay all`) applies them again,
with the same compare-and-set as any event. See docs/04-celery-sync.md,
"Dead letters".
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from orders.models import DeadLetter
from orders.sync import dead_letter_replay
from orders.tasks import fetch_for_events


class Command(BaseCommand):
    """List the dead letters, or replay one or all of them."""

    help = "List the dead letters waiting, or replay them (--replay ID|all)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take what to replay, if anything."""
        parser.add_argument("--replay", help="a dead letter's id, or all")

    def handle(self, *args: object, **options: object) -> None:
        """List, or replay and say how each went."""
        waiting = DeadLetter.objects.filter(replayed_at=None)
        replay = options["replay"]
        if replay is None:
            for letter in waiting:
                when = f"{letter.received_at:%Y-%m-%d %H:%M:%S}"
                self.stdout.write(f"{letter.pk}  {when}  {letter.reason}")
            self.stdout.write(f"{waiting.count()} dead letters waiting.")
            return
        if replay == "all":
            ids = list(waiting.values_list("pk", flat=True))
        elif str(replay).isdigit():
            ids = [int(str(replay))]
        else:
            raise CommandError("--replay takes a dead letter's id, or all.")
        fetch = fetch_for_events()
        for letter_id in ids:
            try:
                outcome = dead_letter_replay(letter_id=letter_id, fetch=fetch)
            except DeadLetter.DoesNotExist:
                raise CommandError(f"No dead letter {letter_id} is waiting.") from None
            self.stdout.write(f"{letter_id}: {outcome}")
