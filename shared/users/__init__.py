"""The users contract: what other parts of the system may ask about a user."""
