"""The way in to a company record, a person or a contact, for the user of a request (healthchecks'
``_get_check_for_user``): 404 outside their reach, 403 when they may read but not write. Views load through these,
never with ``Model.objects.get(pk=...)`` on what the address says.

And the gate in front of every company page (SECURITY.md AZ-5): a view decorated with ``company_data_required``
answers the members gate's explanation (403, what is missing and what to do) to an advisor who may not read or
write company data yet, instead of the page."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from members.perms import company_data_gate
from referrals import perms
from referrals.models import Company, CompanyContact, Interaction


def company_data_required(*, write=False):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            allowed = perms.can_log_interactions(user) if write else perms.can_read_companies(user)
            if not allowed:
                return render(
                    request,
                    "referrals/gate.html",
                    {"gate": company_data_gate(user), "write": write},
                    status=403,
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _check_write(user, write: bool) -> None:
    if write and not perms.can_edit_companies(user):
        raise PermissionDenied(_("Your account reads company records but does not change them."))


def get_company_for_user(request, pk: int, *, write=False) -> Company:
    """The record in use that ``pk`` names: itself, or the record it was merged into; the caller compares its pk
    with ``pk`` to redirect. With its commune, without the search vector. Every record is the whole network's: 404
    only when there is none (or the user reads no company record at all). One query for a record in use (a lookup
    by key: 0.7 ms through the ORM, against 1 ms for ``Company.objects.current``'s subquery), two for a merged one."""
    if not perms.can_read_companies(request.user) or not 0 < pk < 2**63:
        raise Http404(_("No company has this address."))
    companies = Company.objects.select_related("commune").defer("search")
    company = get_object_or_404(companies, pk=pk)
    if company.merged_into_id:
        company = companies.get(pk=company.merged_into_id)
    _check_write(request.user, write)
    return company


def get_contact_for_user(request, pk: int, *, write=False) -> CompanyContact:
    """A person at a company, with the company and who recorded them. Shared by the whole network like the records:
    404 only when there is none."""
    if not perms.can_read_companies(request.user) or not 0 < pk < 2**63:
        raise Http404
    contact = get_object_or_404(
        CompanyContact.objects.select_related("company", "created_by").defer("company__search"), pk=pk
    )
    _check_write(request.user, write)
    return contact


def get_interaction_for_user(request, pk: int) -> Interaction:
    """One contact, in full, with what its page shows. A confidential one exists only for the organisations that
    may read it (``perms.content_visible``): 404 for everyone else. Nobody edits a contact once logged."""
    if not perms.can_read_companies(request.user) or not 0 < pk < 2**63:
        raise Http404
    return get_object_or_404(
        Interaction.objects.filter(perms.content_visible(request.user))
        .select_related("company", "organisation", "advisor__user")
        .prefetch_related("contacts", "themes", "services"),
        pk=pk,
    )
