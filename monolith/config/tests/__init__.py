"""Tests of the monolith's configuration: settings read from the environment."""
