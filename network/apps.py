from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from network import checks, public_cache, signals  # noqa: F401  (registers system checks and signal receivers)
