"""Demo data for `make run`: the one place that creates users and orders together."""
