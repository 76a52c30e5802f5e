"""Black-box tests of the public API, kept green at every stage of the migration."""
