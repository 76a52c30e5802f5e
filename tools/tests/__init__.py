"""Tests for the repository tooling."""
