from datetime import timedelta

import factory
from django.utils import timezone

from members.models import Advisor, Affiliation, Convention, MemberOrganisation, Service
from network.models import NetworkStaff, Office, OfficeDepartement, Territory, User

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class NetworkStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkStaff

    user = factory.SubFactory(UserFactory)
    role = NetworkStaff.Role.NETWORK_MANAGER

    class Params:
        office_manager = factory.Trait(role=NetworkStaff.Role.OFFICE_MANAGER)


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    address = "1 rue de la Paix\n45000 Orléans"
    email = factory.Sequence(lambda n: f"office{n}@example.org")
    phone = "02 38 00 00 00"

    @factory.post_generation
    def departement_codes(obj, create, extracted, **kwargs):
        for code in extracted or []:
            OfficeDepartement.objects.create(
                office=obj, departement=Territory.objects.get(level="departement", code=code)
            )


def siren_from(counter: int) -> str:
    """A valid SIREN (Luhn check digit) built from a counter: deterministic fake registration numbers."""
    body = f"{700000000 + counter * 10:09d}"[:8]
    for check in range(10):
        candidate = body + str(check)
        digits = [int(d) for d in candidate]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberOrganisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = MemberOrganisation.Kind.CHAMBER_OF_COMMERCE
    registration_number = factory.Sequence(siren_from)
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example")
    description_en = "Supports companies."
    description_fr = "Accompagne les entreprises."
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.slug}.example")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(MemberOrganisationFactory)
    title_en = factory.Sequence(lambda n: f"Service {n}")
    title_fr = factory.Sequence(lambda n: f"Service {n}")
    description_en = "What it does."
    stages = ["creation"]


class ConventionFactory(factory.django.DjangoModelFactory):
    """A signed convention in force for two more years; traits for the other statuses."""

    class Meta:
        model = Convention

    organisation = factory.SubFactory(MemberOrganisationFactory)
    version = factory.Sequence(lambda n: n + 1)
    signatory_name = "Alex Durand"
    signatory_role = "Président"
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=730))

    class Params:
        expiring = factory.Trait(valid_until=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=25)))
        lapsed = factory.Trait(
            valid_from=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1100)),
            valid_until=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1)),
        )
        draft = factory.Trait(signed_on=None)
        with_pdf = factory.Trait(
            pdf=factory.django.FileField(filename="signed.pdf", data=b"%PDF-1.4\n% test convention\n")
        )


class AdvisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisor

    user = factory.SubFactory(UserFactory)


class AffiliationFactory(factory.django.DjangoModelFactory):
    """An advisor working for an organisation; ``AffiliationFactory(referent=True)`` for a referent."""

    class Meta:
        model = Affiliation

    advisor = factory.SubFactory(AdvisorFactory)
    organisation = factory.SubFactory(MemberOrganisationFactory)
    role = Affiliation.Role.ADVISOR

    class Params:
        referent = factory.Trait(role=Affiliation.Role.REFERENT)


class CompanyFactory(factory.django.DjangoModelFactory):
    """A registered company with a valid SIREN; ``CompanyFactory(project=True)`` for a project holder (no number)."""

    class Meta:
        model = "referrals.Company"

    name = factory.Sequence(lambda n: f"Company {n}")
    registration_number = factory.Sequence(lambda n: siren_from(500_000 + n))

    class Params:
        project = factory.Trait(
            registration_number=None, project_email=factory.Sequence(lambda n: f"p{n}@example.org")
        )


class CompanyContactFactory(factory.django.DjangoModelFactory):
    """A person at a company held on legitimate interest; ``CompanyContactFactory(consent=True)`` for consent."""

    class Meta:
        model = "referrals.CompanyContact"

    company = factory.SubFactory(CompanyFactory)
    full_name = factory.Faker("name")
    job_title = "Gérante"
    email = factory.Sequence(lambda n: f"contact{n}@company.example")
    phone = "02 47 00 00 00"

    class Params:
        consent = factory.Trait(
            legal_basis="consent",
            consent_text_version="2025-01",
            consent_given_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
            consent_purpose="Receive the network's invitations to events",
        )
