"""The project package (settings, urls, Celery app) and the app for the network's own structure."""

from network.celery import app as celery_app

__all__ = ["celery_app"]
