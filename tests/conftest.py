import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from tests import url_coverage
from tests.factories import NetworkStaffFactory, UserFactory

REDIS_DOWN_SETTINGS = "config.settings.redis_down"
REDIS_DOWN_TESTS = Path(__file__).resolve().parent / "redis_down"


def pytest_ignore_collect(collection_path, config):
    """tests/redis_down/ (SECURITY.md RE-8) needs cache and broker pointed at a dead address, so it runs only in its
    own session: ``pytest --ds=config.settings.redis_down -m redis_down tests/redis_down`` (``make test``)."""
    if Path(collection_path).resolve() == REDIS_DOWN_TESTS and os.environ.get("DJANGO_SETTINGS_MODULE") != (
        REDIS_DOWN_SETTINGS
    ):
        return True
    return None


@pytest.fixture(scope="session", autouse=True)
def _record_url_coverage():
    original = url_coverage.start_recording()
    yield
    url_coverage.stop_recording(original)


def pytest_sessionfinish(session, exitstatus):
    if exitstatus != 0 or not url_coverage.is_full_run(session.config):
        return
    missing = url_coverage.unreached()
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.ensure_newline()
        reporter.write_line(
            f"URL coverage gate (SC-4): no test got a 2xx/3xx from {missing}. Add a test that opens each, "
            "or an exemption with its reason in tests/url_coverage.py.",
            red=True,
        )
        session.exitstatus = 1


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the rows the migrations create (the Network singleton, the shipped territories).

    Transactional tests run last and flush the tables; with --reuse-db the next session would start without
    these rows, so put them back once, before the first test that uses the database (a session of tests that
    use none, such as the static checks, does not touch it).
    """
    from network.models import Network, Territory
    from network.territories import load_centre_val_de_loire

    with django_db_blocker.unblock():
        Network.objects.get_or_create(id=1)
        if not Territory.objects.communes().exists():
            load_centre_val_de_loire()


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
