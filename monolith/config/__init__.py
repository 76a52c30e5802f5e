"""Project configuration of the monolith: settings, URLs and the WSGI entry point."""
