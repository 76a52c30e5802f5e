"""The orders service's own HTTP glue: its exception handler."""
