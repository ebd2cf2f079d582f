"""The gate in front of every company page (SECURITY.md AZ-5): a view decorated with ``company_data_required``
answers the members gate's explanation (403, what is missing and what to do) to an advisor who may not read or
write company data yet, instead of the page."""

from functools import wraps

from django.shortcuts import render

from members.perms import company_data_gate
from referrals import perms


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
