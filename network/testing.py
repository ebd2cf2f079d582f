"""Helpers for the test settings."""

import inspect

from django.conf import settings
from django.template.base import Node


class UndefinedVariableError(Exception):
    pass


class FailOnUndefinedInOwnTemplates(str):
    """``string_if_invalid`` that raises for a missing variable in the project's own templates.

    Third-party templates (admin, allauth) keep Django's lenient behaviour: their optional variables
    are not our bugs.
    """

    def __mod__(self, variable):
        own_dir = str(settings.BASE_DIR / "templates")
        frame = inspect.currentframe().f_back
        while frame is not None:
            node = frame.f_locals.get("self")
            if isinstance(node, Node) and getattr(node, "origin", None) is not None:
                # The innermost node being rendered: its origin is the file the variable is written in.
                origin = str(node.origin.name)
                if origin.startswith(own_dir):
                    raise UndefinedVariableError(f"Undefined variable {variable!r} in {origin}")
                return ""
            frame = frame.f_back
        return ""
