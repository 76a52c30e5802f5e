"""Project configuration of the edge: settings, URLs, clients, WSGI entry point."""
