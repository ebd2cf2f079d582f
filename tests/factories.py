import factory

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
