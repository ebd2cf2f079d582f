"""The project, not the network: settings, root URLs, WSGI/ASGI, the Celery app, and the tooling that lets a fresh
machine run it (the embedded PostgreSQL backend, the embedded Redis, the benchmark's middleware, the catalogue
compiler). The network's own domain is the ``network`` app."""

from config.celery_app import app as celery_app

__all__ = ["celery_app"]
