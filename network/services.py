"""Use cases of the network app that write several rows: each is transactional and audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from network.audit import Public, log_action
from network.models import Office, OfficeCommune, OfficeDepartement


class ServiceError(Exception):
    """A business rule refused the action; the message is safe to show."""


OFFICE_FIELDS = ["name", "slug", "is_head_office", "address", "email", "phone", "opening_hours_en", "opening_hours_fr"]


def office_save(*, form, by) -> Office:
    """Create or update an office from a valid ``OfficeForm``, with its départements, in one transaction."""
    with transaction.atomic():
        creating = form.instance.pk is None
        changed = list(form.changed_data)
        office = form.save()
        wanted = {departement.pk for departement in form.cleaned_data["departements"]}
        current = set(office.departement_links.values_list("departement_id", flat=True))
        office.departement_links.exclude(departement_id__in=wanted).delete()
        OfficeDepartement.objects.bulk_create(
            [OfficeDepartement(office=office, departement_id=pk) for pk in sorted(wanted - current)]
        )
        if wanted != current and "departements" not in changed:
            changed.append("departements")
        log_action(
            actor=by,
            action="create" if creating else "update",
            obj=office,
            changed_fields=changed,
            values={
                "name": Public(office.name),
                "departements": Public(sorted(office.departements.values_list("code", flat=True))),
            },
        )
    return office


def office_delete(*, office: Office, by) -> None:
    if office.is_head_office:
        raise ServiceError(_("The head office cannot be deleted: make another office the head office first."))
    if office.staff.exists():
        raise ServiceError(_("Staff members still belong to this office: move them to another office first."))
    with transaction.atomic():
        log_action(actor=by, action="delete", obj=office, values={"name": Public(office.name)})
        office.delete()  # its départements and communes fall back to the head office


def office_commune_assign(*, office: Office, commune, by) -> OfficeCommune:
    """Make ``office`` answer for ``commune``, taking it from whichever office had it."""
    with transaction.atomic():
        link, _created = OfficeCommune.objects.select_for_update().update_or_create(
            commune=commune, defaults={"office": office}
        )
        log_action(
            actor=by,
            action="assign_commune",
            obj=office,
            changed_fields=["communes"],
            values={"commune": Public(commune.code)},
        )
    return link


def office_commune_release(*, link: OfficeCommune, by) -> None:
    """The commune goes back to the office of its département (or the head office)."""
    with transaction.atomic():
        log_action(
            actor=by,
            action="release_commune",
            obj=link.office,
            changed_fields=["communes"],
            values={"commune": Public(link.commune.code)},
        )
        link.delete()
