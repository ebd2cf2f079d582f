from django.core.cache import cache

from referrals import perms

# How long the header remembers whether someone may log contacts. The link is a shortcut: the page it opens checks
# the gate on every request and explains what is missing, so a minute-old answer is good enough for the header.
HEADER_FLAG_SECONDS = 60


def _cache_key(user) -> str:
    return f"referrals:can-log:{user.pk}"


def can_log_from_header(user) -> bool:
    """Whether the header offers "Log a contact" (``perms.can_log_interactions``) at the cost of no query on most
    pages: nothing for visitors, the request's own answer when the page already checked the gate, else a short-lived
    cached answer per user. Cheapest test first: without a current organisation, nothing else is read."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if hasattr(user, "_company_data_gate") and hasattr(user, "_current_organisation_ids"):
        return perms.can_log_interactions(user)  # already read for this request
    key = _cache_key(user)
    answer = cache.get(key)
    if answer is None:
        answer = bool(perms.viewer_organisation_ids(user)) and perms.can_log_interactions(user)
        cache.set(key, answer, HEADER_FLAG_SECONDS)
    return answer


def referrals(request):
    """``can_log_contacts`` for the header, evaluated only when a template asks (the header does for signed-in
    people only)."""
    user = getattr(request, "user", None)
    return {"can_log_contacts": lambda: can_log_from_header(user)}
