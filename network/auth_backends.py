"""Authentication backends that load the signed-in user with their request context in one query
(``network/user_context.py``). Everything else is the stock behaviour of Django's and allauth's backends."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from network import user_context


class UserContextMixin:
    def get_user(self, user_id):
        user = user_context.load(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(UserContextMixin, DjangoModelBackend):
    """Django's username/password backend (the Django admin, the invitation's first sign-in)."""


class AuthenticationBackend(UserContextMixin, AllauthBackend):
    """allauth's backend: sign-in by email on the portal's pages."""
