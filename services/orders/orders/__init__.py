"""The orders app: orders placed by users, their lines and their life cycle."""
