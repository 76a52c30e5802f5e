"""`ReplicaUsersClient`: the UsersClient contract over orders' copy of its customers.

Since stage 4 orders reads users from its replica (the Customer table),
which users' events and reconciliation keep up to date, so its reads no
longer wait on the users service, nor fail when it is down. Only a user the
replica has never heard of is looked up, once, and stored. The services of
the orders app did not change to get this: the lesson of branch by
abstraction. See docs/04-celery-sync.md, "The replica".
"""

from collections.abc import Collection, Mapping

from orders.models import Customer
from orders.sync import customer_apply
from shared.users.client import UsersClient, UserSnapshot


def _snapshot(customer: Customer) -> UserSnapshot:
    """Return the replica's row as the contract's plain, frozen data."""
    return UserSnapshot(
        id=customer.user_id,
        name=customer.name,
        email=customer.email,
        is_active=customer.is_active,
        version=customer.version,
        credit_limit=customer.credit_limit,
    )


class ReplicaUsersClient:
    """Read users from the replica; ask `lookup` about a user it does not hold."""

    def __init__(self, *, lookup: UsersClient) -> None:
        """Ask `lookup` (the users service) only about users never heard of."""
        self.lookup = lookup

    def user_get(self, *, user_id: int) -> UserSnapshot:
        """Return the user from the replica, or looked up once and stored.

        The lookup raises `UserNotFound`, or `UsersServiceUnavailable` when
        the users service cannot answer.
        """
        customer = Customer.objects.filter(user_id=user_id).first()
        if customer is None:
            customer_apply(user=self.lookup.user_get(user_id=user_id))
            customer = Customer.objects.get(user_id=user_id)
        return _snapshot(customer)

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return these users from the replica; those it lacks looked up at once.

        A page of orders whose customers the replica holds, which is every
        page once the replica is built, asks the users service nothing. One
        it lacks (a replica not yet built: orders started long before users)
        is asked for in one batched lookup and stored, so a page never fails
        for a customer the replica has not heard of yet. Ids that name no
        user are left out, as the contract says.
        """
        if not user_ids:
            return {}
        wanted = set(user_ids)
        customers = Customer.objects.filter(user_id__in=wanted)
        found = {customer.user_id: _snapshot(customer) for customer in customers}
        if missing := wanted - found.keys():
            for user in self.lookup.user_get_many(user_ids=missing).values():
                customer_apply(user=user)
            stored = Customer.objects.filter(user_id__in=missing)
            found |= {customer.user_id: _snapshot(customer) for customer in stored}
        return found
