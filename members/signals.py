"""Keep each advisor's search document current (members.queries.refresh_search_text) whatever writes the change:
the profile form, an invitation, the admin, the demo seed."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from members.models import Advisor, Affiliation, MemberOrganisation
from members.queries import refresh_search_text
from network.models import Theme, User


def _refresh(advisor_ids):
    """In the same transaction as the change (one UPDATE), so a rollback undoes both."""
    ids = list(advisor_ids)
    if ids:
        refresh_search_text(ids)


@receiver(post_save, sender=Advisor)
def _advisor_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or {"job_title"} & set(update_fields):
        _refresh([instance.pk])


@receiver(post_save, sender=User)
def _user_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or "full_name" in update_fields:
        _refresh(Advisor.objects.filter(user=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Affiliation)
@receiver(post_delete, sender=Affiliation)
def _affiliation_changed(sender, instance, **kwargs):
    _refresh([instance.advisor_id])


@receiver(post_save, sender=MemberOrganisation)
def _organisation_saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and (update_fields is None or "name" in update_fields):
        _refresh(Affiliation.objects.filter(organisation=instance).values_list("advisor_id", flat=True))


@receiver(m2m_changed, sender=Advisor.skills.through)
def _skills_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # theme.advisors.add(...): pk_set are advisors; a cleared theme is rare, refresh everyone
        _refresh(pk_set if pk_set is not None else Advisor.objects.values_list("pk", flat=True))
    else:
        _refresh([instance.pk])


@receiver(post_save, sender=Theme)
def _theme_saved(sender, instance, created, **kwargs):
    if not created:
        _refresh(Advisor.objects.filter(skills=instance).values_list("pk", flat=True))
