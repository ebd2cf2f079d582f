import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import NetworkStaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives each test's transaction: start every test from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """A browser that asks for English; pages under /fr/ stay French (the URL decides there)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def network_manager(db):
    return NetworkStaffFactory(user__full_name="Claire Martin").user


@pytest.fixture
def office_manager(db):
    return NetworkStaffFactory(office_manager=True).user


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(client, network_manager):
    client.force_login(network_manager)
    return client


@pytest.fixture
def network(db):
    """The Network singleton (its row comes from a migration, but transactional tests flush it)."""
    from network.models import Network

    instance, _created = Network.objects.get_or_create(id=1)
    return instance


@pytest.fixture
def territories(db):
    """The shipped Centre-Val de Loire geography (from a migration; reloaded if a transactional test flushed it)."""
    from network.models import Territory
    from network.territories import load_centre_val_de_loire

    if not Territory.objects.communes().exists():
        load_centre_val_de_loire()
    return Territory.objects


@pytest.fixture
def cvl_offices(territories):
    """Six offices, one per département, the Loiret one being the head office."""
    from tests.factories import OfficeFactory

    offices = {}
    for code in ("45", "18", "28", "36", "37", "41"):
        offices[code] = OfficeFactory(departement_codes=[code], is_head_office=(code == "45"))
    return offices
