"""Tests of the HTTP plumbing the apps share: errors, input, pagination, root."""
