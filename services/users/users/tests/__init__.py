"""Tests of the users app, one module per app module."""
