"""Project configuration of the orders service: settings, URLs, WSGI, clients."""
