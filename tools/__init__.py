"""Repository tooling: scripts that maintain the tutorial's history and tags."""
