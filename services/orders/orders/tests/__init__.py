"""Tests of the orders app, one module per app module."""
