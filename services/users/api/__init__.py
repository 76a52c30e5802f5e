"""The users service's own HTTP glue: its API root and its exception handler."""
