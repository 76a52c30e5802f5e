"""A verified move of rows from the monolith's SQLite file into a service's database.

This is the users move of stage 2, generalised in stage 3 so that orders
and their lines move with the same guarantees: a service describes what
moves (`spec`), and the chassis refuses rows the monolith could not have
written (`checks`), plans (`plan`), copies and verifies (`databases`),
comparing rows in canonical form (`rows`), behind a management command a
service subclasses (`command`, its longer wording in `report`). See
docs/03-orders-service.md, "One mover, two moves", and for the guarantees
docs/02-users-service.md, "The database split, verified".
"""
