"""The Django admin in French: the project's own models show French column headers and field labels."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from network.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"network", "members", "referrals", "programmes", "training"}


@pytest.fixture
def french_superuser_client(client):
    superuser = UserFactory(is_staff=True, is_superuser=True, preferred_language="fr")
    client.force_login(superuser)
    return client


def test_the_french_outbox_list_has_french_column_headers(french_superuser_client):
    OutboxMessage.objects.create(dedup_key="welcome:1", to=["a@example.org"], subject="Bienvenue", body_text="Bonjour")

    response = french_superuser_client.get(reverse("admin:network_outboxmessage_changelist"))

    assert response.status_code == 200
    page = response.content.decode()
    for header in ("Objet", "Statut", "Tentatives", "Prochain essai", "Date de création", "Date d&#x27;envoi"):
        assert f">{header}</a>" in page, header
    for english in ("Subject", "Next attempt at", "Created at", "Sent at", "Attempts"):
        assert f">{english}</a>" not in page, english
    assert "Bienvenue [En attente]" in page


def test_the_french_outbox_message_page_labels_every_field_in_french(french_superuser_client):
    message = OutboxMessage.objects.create(dedup_key="welcome:1", to=["a@example.org"], subject="Bienvenue")

    response = french_superuser_client.get(reverse("admin:network_outboxmessage_change", args=[message.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for label in ("Clé de dédoublonnage", "Destinataires", "Répondre à", "Texte du message", "Dernière erreur"):
        assert f"<label>{label}\u00a0:</label>" in page, label
    assert "Bienvenue [En attente]" in page and "[pending]" not in page


def test_every_column_and_field_of_the_project_admin_pages_has_a_translatable_label():
    untranslatable = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if not isinstance(model._meta.verbose_name_plural, Promise):
            untranslatable.append(f"{model._meta.label}: {model._meta.verbose_name_plural!r}")
        names = [*model_admin.list_display, *model_admin.readonly_fields]
        names += [field.name for field in model._meta.fields if field.editable]
        for name in dict.fromkeys(names):
            if name == "__str__" or name == model._meta.pk.name:  # "ID" reads the same in French
                continue
            label = label_for_field(name, model, model_admin)
            if not isinstance(label, Promise):
                untranslatable.append(f"{model._meta.label}.{name}: {label!r}")
    with translation.override("fr"):
        assert not untranslatable, "Admin labels shown in English on French pages (give them a verbose_name):\n" + (
            "\n".join(untranslatable)
        )


def test_every_project_model_is_in_the_admin_and_its_list_opens(french_superuser_client):
    from django.apps import apps

    inlined = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    missing = [
        model._meta.label
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model not in admin.site._registry and model not in inlined
    ]
    assert not missing, "Models missing from the admin (DESIGN.md: every model is in the admin): " + ", ".join(missing)
    for model in admin.site._registry:
        if model._meta.app_label in PROJECT_APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            response = french_superuser_client.get(url)
            assert response.status_code == 200, url
