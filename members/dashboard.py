"""The members app's panels on the extranet home (collected by network.views.dashboard_panels)."""

from members import perms
from members.models import Affiliation


def panels(request) -> list[dict]:
    user = request.user
    affiliations = list(
        Affiliation.objects.current().filter(advisor__user=user).select_related("organisation").order_by("pk")
    )
    if not affiliations:
        return []
    return [
        {
            "template": "members/dashboard/advisor.html",
            "affiliations": affiliations,
            "gate": perms.company_data_gate(user),
        }
    ]
