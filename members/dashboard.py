"""The members app's panels on the extranet home (collected by network.views.extranet.dashboard_panels)."""

from members import perms
from members.models import Advisor, Affiliation


def panels(request) -> list[dict]:
    user = request.user
    found = []
    affiliations = list(
        Affiliation.objects.current().filter(advisor__user=user).select_related("organisation").order_by("pk")
    )
    if affiliations:
        found.append(
            {
                "template": "members/dashboard/advisor.html",
                "affiliations": affiliations,
                "gate": perms.company_data_gate(user),
            }
        )
    if perms.can_view_organisations(user):
        found.append(
            {
                "template": "members/dashboard/staff.html",
                "can_publish_code": perms.can_publish_code_of_conduct(user),
            }
        )
    if perms.can_find_colleagues(user):
        found.append({"template": "members/dashboard/colleagues.html", "colleagues": Advisor.objects.active().count()})
    return found
