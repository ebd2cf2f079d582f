from allauth.account.signals import password_reset
from django.dispatch import receiver

from network import throttling


@receiver(password_reset, dispatch_uid="network_clear_login_failures_on_reset")
def clear_login_failures_on_password_reset(sender, request, user, **kwargs):
    """Someone who proved they own the mailbox gets their sign-in back at once."""
    throttling.clear_account(email=user.email)
