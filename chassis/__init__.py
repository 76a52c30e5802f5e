"""The microservice chassis: HTTP plumbing every Django project here shares.

The JSON parser, strict input fields, the error shapes, pagination, the
offline API docs, a read-only admin, the event receiver: cross-cutting,
domain-free code that the monolith and each service would otherwise copy.
No app's code belongs here; see docs/02-users-service.md, "A chassis for
every service".
"""
