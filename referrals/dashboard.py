"""The referrals app's panel on the extranet home (collected by network.views.extranet.dashboard_panels)."""

from referrals import perms


def panels(request) -> list[dict]:
    user = request.user
    if not perms.can_read_companies(user):
        return []
    return [{"template": "referrals/dashboard.html", "can_log": perms.can_log_interactions(user)}]
