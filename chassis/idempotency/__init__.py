"""Idempotency keys: a retried write is done once and its first answer replayed.

A Django app of its own, installed by each service that takes the
`Idempotency-Key` header, so the keys live in that service's database. See
docs/05-consistency.md, "Idempotency keys".
"""
