"""`manage.py orders_credit_sagas`: the credit sagas not done; retry a parked one.

`orders_credit_sagas` lists the sagas running or parked, with the step each
is on and its last error; `orders_credit_sagas --retry ORDER_ID` runs a
parked saga's step again from its first try. See docs/05-consistency.md,
"The saga".
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from orders.models import SagaState
from orders.saga_sweep import saga_unpark
from orders.selectors import saga_list_open


class Command(BaseCommand):
    """List the sagas still running or parked, or retry a parked one."""

    help = "List the credit sagas running or parked, or retry one (--retry ORDER_ID)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Take the order whose parked saga to retry, if any."""
        parser.add_argument("--retry", type=int, help="the order id of a parked saga")

    def handle(self, *args: object, **options: object) -> None:
        """List, or retry and say so."""
        retry = options["retry"]
        if isinstance(retry, int):
            if not saga_unpark(order_id=retry):
                raise CommandError(f"The saga of order {retry} is not parked.")
            self.stdout.write(f"Order {retry}: its saga's step is sent again.")
            return
        open_sagas = saga_list_open()
        for saga in open_sagas:
            self.stdout.write(
                f"order {saga.order_id}  {saga.step} {saga.state}  "
                f"tries {saga.attempts}  {saga.last_error}"
            )
        parked = open_sagas.filter(state=SagaState.PARKED).count()
        self.stdout.write(f"{open_sagas.count()} sagas not done, {parked} parked.")
