"""Tests of the orders service's configuration: settings and wiring."""
