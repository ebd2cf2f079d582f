"""Fixtures shared by the referrals tests."""

import pytest
from django.utils import timezone

from members.models import Affiliation, CodeOfConduct, CodeOfConductSignature, MemberOrganisation
from tests.factories import AffiliationFactory, ConventionFactory


def make_gated_advisor(organisation=None, role="advisor"):
    """A user who works for ``organisation`` (a new one when None) with ``role`` and passes the company-data gate:
    the organisation has a convention in force (one is added if not), and the user signed the current code of
    conduct (published if there is none yet), countersigned by another referent of the organisation (an existing
    one, else a new one)."""
    if organisation is None:
        organisation = ConventionFactory().organisation
    elif not MemberOrganisation.objects.filter(pk=organisation.pk).with_convention_in_force().exists():
        ConventionFactory(organisation=organisation)
    code = CodeOfConduct.objects.current()
    if code is None:
        code = CodeOfConduct.objects.create(
            version=(CodeOfConduct.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1,
            text_en="Share what you do. Respect companies.",
            text_fr="Partagez ce que vous faites. Respectez les entreprises.",
            published_at=timezone.now(),
        )
    advisor = AffiliationFactory(organisation=organisation, role=role).advisor
    countersigner = Affiliation.objects.countersigner_for(advisor, organisation) or AffiliationFactory(
        organisation=organisation, referent=True
    )
    now = timezone.now()
    CodeOfConductSignature.recorded(
        advisor=advisor,
        code=code,
        organisation=organisation,
        language="en",
        signed_at=now,
        countersigned_by=countersigner.advisor.user,
        countersigned_at=now,
    ).save()
    return advisor.user


@pytest.fixture
def gated_advisor(db):
    """``gated_advisor(organisation=None, role="advisor") -> User``: an advisor through the company-data gate."""
    return make_gated_advisor
