from referrals import perms


def referrals(request):
    """``can_log_contacts`` for the header ("Log a contact"), evaluated only when a template asks (the header does
    for signed-in people only). It costs no query: the gate and the organisations are part of the user context read
    with the user (``network/user_context.py``)."""
    user = getattr(request, "user", None)
    return {"can_log_contacts": lambda: user is not None and perms.can_log_interactions(user)}
