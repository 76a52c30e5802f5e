"""The users app: the shop's customers, their contact details and status."""
