"""Cross-project tests that run against the whole stack from the outside."""
