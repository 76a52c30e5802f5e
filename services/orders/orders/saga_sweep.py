"""The credit saga's safety nets: the sweep that resumes quiet steps, and the unparking.

The sweep (`orders.resume_credit_sagas`, on beat's clock) sends again a
step whose message was lost; an operator unparks a saga that stopped
retrying (`manage.py orders_credit_sagas --retry`). See
docs/05-consistency.md, "When a step cannot get through".
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from orders.models import CreditSaga, SagaState
from orders.saga import Send, saga_send


def saga_resume_stalled(*, quiet_for: float, send: Send = saga_send) -> int:
    """Send again the running steps that have gone quiet; return how many.

    A step's message can be lost (Redis emptied) or held by a worker that
    died; the sweep finds its saga still running, unchanged for
    `quiet_for` seconds, and sends the step again.
    """
    since = timezone.now() - timedelta(seconds=quiet_for)
    stalled = list(
        CreditSaga.objects.filter(
            state=SagaState.RUNNING, updated_at__lt=since
        ).values_list("order_id", flat=True)
    )
    for order_id in stalled:
        send(order_id)
    return len(stalled)


def saga_unpark(*, order_id: int, send: Send = saga_send) -> bool:
    """Run a parked saga's step again, from its first try; False if not parked."""
    with transaction.atomic():
        unparked = CreditSaga.objects.filter(
            pk=order_id, state=SagaState.PARKED
        ).update(state=SagaState.RUNNING, attempts=0, updated_at=timezone.now())
        if unparked:
            transaction.on_commit(partial(send, order_id))
    return bool(unparked)
