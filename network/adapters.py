import logging
import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from network import throttling
from network.models import Network
from network.outbox import outbox_enqueue
from network.security_log import account_reference, security_event


class AccountAdapter(DefaultAccountAdapter):
    """allauth adapter: closed sign-up, mail through the outbox, login throttling in the database."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts: sign-in is paused for 15 minutes. "
            "You can reset your password now to get back in at once."
        ),
    }

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        """A message is read on the next page. Once signed in, that page follows the account's language (the
        extranet: ``UserLanguageMiddleware``), so the message is written in it, not in the sign-in page's."""
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        with translation.override(language or translation.get_language()):
            super().add_message(request, level, message_template, message_context, extra_tags, message)

    def validation_error(self, code, *args):
        # allauth raises the same code when second-factor codes are rate-limited (AU-5), where a password reset
        # would not help: say what does.
        from allauth.core import context as allauth_context

        request = allauth_context.request
        if code == "too_many_login_attempts" and request is not None and request.path.startswith("/accounts/2fa/"):
            return forms.ValidationError(
                _(
                    "Too many wrong codes: the code check is paused for 15 minutes. Wait, then enter the code your "
                    "app shows, or one of your recovery codes."
                ),
                code=code,
            )
        return super().validation_error(code, *args)

    def is_open_for_signup(self, request):
        # Accounts are created by invitation only (network managers and referents invite).
        return False

    def get_from_email(self):
        return f"{Network.load().name} <{settings.DEFAULT_FROM_EMAIL}>"

    def send_mail(self, template_prefix, email, context):
        from allauth.core import context as allauth_context

        request = allauth_context.request
        ctx = {"request": request, "email": email, "network": Network.load(), **context}
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        outbox_enqueue(
            dedup_key=f"allauth:{template_prefix}:{uuid.uuid4()}",
            to=list(message.to),
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )

    def pre_authenticate(self, request, **credentials):
        email = credentials.get("email", "")
        if throttling.is_paused(email=email, ip=throttling.client_ip(request)):
            request._login_paused = True
            security_event(
                "lockout", request=request, outcome="refused", level=logging.WARNING, account=account_reference(email)
            )
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        throttling.record_failure(email=credentials.get("email", ""), ip=throttling.client_ip(request))
        super().authentication_failed(request, **credentials)
