"""``{% history obj %}``: the change history of an object, for detail pages."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from network.audit import audit_history

register = template.Library()

ACTION_LABELS = {
    "create": _("Created"),
    "update": _("Updated"),
    "delete": _("Deleted"),
    "assign_commune": _("Commune taken over"),
    "release_commune": _("Commune given back"),
}


def _field_label(model, name):
    try:
        return model._meta.get_field(name).verbose_name
    except (FieldDoesNotExist, AttributeError):
        return name


@register.inclusion_tag("components/history.html")
def history(obj, limit=50):
    """The last ``limit`` audit entries about ``obj`` in one query (the actor comes with a LEFT JOIN).

    Each row has ``actor`` (None when the account was deleted or for the system) and ``actor_id`` (None for the
    system), a translated ``action`` when it is a common one, and the changed fields by their verbose names.
    """
    model = type(obj)
    rows = [
        {
            "created_at": entry.created_at,
            "actor": entry.actor,
            "actor_id": entry.actor_id,
            "action": ACTION_LABELS.get(entry.action, entry.action),
            "fields": [_field_label(model, name) for name in entry.changed_fields],
        }
        for entry in audit_history(obj, limit=limit)
    ]
    return {"rows": rows}
