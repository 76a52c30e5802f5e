"""Contracts and clients the project's Django projects share.

Framework-free and typed (`mypy --strict`): no Django, no app imports, and no
settings read at import time. Clients take their configuration as arguments.
"""
