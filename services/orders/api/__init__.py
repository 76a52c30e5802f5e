"""The orders service's own HTTP glue: its API root and its exception handler."""
