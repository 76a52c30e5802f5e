"""A test-only app for the mover's tests: albums, and their tracks by foreign key."""
