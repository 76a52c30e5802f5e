"""HTTP plumbing shared by the monolith's apps: pagination, errors, the API root."""
