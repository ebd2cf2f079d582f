from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql import base

from .server import ensure_server


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL backend whose server is the embedded one kept in ``DATABASES[...]["DATA_DIR"]``.

    ``NAME`` is created on first start; host, port and user are filled in from the running server.
    """

    def get_connection_params(self):
        settings_dict = self.settings_dict
        data_dir = settings_dict.get("DATA_DIR")
        if not data_dir:
            raise ImproperlyConfigured("The embedded PostgreSQL backend needs DATABASES[...]['DATA_DIR'].")
        main_database = settings_dict.get("MAIN_NAME") or settings_dict["NAME"]
        endpoint = ensure_server(Path(data_dir), main_database)
        settings_dict["HOST"] = endpoint.host
        settings_dict["PORT"] = str(endpoint.port)
        settings_dict["USER"] = settings_dict.get("USER") or endpoint.user
        return super().get_connection_params()
