"""The container files: docker-compose.yml against the Compose Specification schema, and the Dockerfile.

Plain functions without Django or a database: they read the files as text and YAML.
The schema is vendored in tests/data/compose-spec.json (provenance in tests/data/README.md).
"""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "compose-spec.json"

LONG_RUNNING_SERVICES = ["db", "redis", "web", "worker", "beat"]
SERVICES_WITH_HEALTHCHECK = ["db", "redis", "web"]

# The validator class for each draft a "$schema" URI can name (http or https, with or without "#").
VALIDATORS_BY_DRAFT = {
    "draft-04": jsonschema.Draft4Validator,
    "draft-06": jsonschema.Draft6Validator,
    "draft-07": jsonschema.Draft7Validator,
    "draft/2019-09": jsonschema.Draft201909Validator,
    "draft/2020-12": jsonschema.Draft202012Validator,
}


def load_schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def compose_validator():
    schema = load_schema()
    uri = schema["$schema"]
    matches = [cls for draft, cls in VALIDATORS_BY_DRAFT.items() if f"/{draft}/" in f"{uri.rstrip('#')}/"]
    assert len(matches) == 1, f"no single validator for $schema {uri!r}"
    validator_class = matches[0]
    validator_class.check_schema(schema)
    return validator_class(schema)


def load_compose():
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def schema_errors(document):
    return sorted(compose_validator().iter_errors(document), key=lambda error: list(error.absolute_path))


def service(name):
    return load_compose()["services"][name]


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    logical_lines = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical_lines.append(pending + stripped)
        pending = ""
    assert not pending, "the Dockerfile ends in a continuation line"
    instructions = []
    for logical_line in logical_lines:
        keyword, _, arguments = logical_line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def dockerfile_arguments(keyword):
    return [arguments for instruction, arguments in dockerfile_instructions() if instruction == keyword]


# --- the schema itself ------------------------------------------------------------------------------------------


def test_vendored_schema_is_the_compose_specification_and_a_valid_json_schema():
    schema = load_schema()
    assert schema["title"] == "Compose Specification"
    assert "services" in schema["properties"]
    compose_validator()  # check_schema raises SchemaError on an invalid schema


def test_schema_does_not_require_a_version_key():
    assert "version" not in load_schema().get("required", [])


# --- docker-compose.yml -----------------------------------------------------------------------------------------


def test_compose_file_is_valid_against_the_compose_spec():
    errors = schema_errors(load_compose())
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors)


@pytest.mark.parametrize(
    "document",
    [
        pytest.param({"services": {"web": {"image": "nginx", "ports": "not-a-list"}}}, id="ports-not-a-list"),
        pytest.param({"services": {"web": {"image": "nginx"}}, "servics": {}}, id="unknown-top-level-key"),
        pytest.param({"services": {"web": {"image": "nginx", "restart_policy": "always"}}}, id="unknown-service-key"),
        pytest.param(
            {"services": {"web": {"image": "nginx", "depends_on": {"db": {"condition": "service_ready"}}}}},
            id="unknown-depends-on-condition",
        ),
        pytest.param(
            {"services": {"web": {"image": "nginx", "healthcheck": {"test": "true", "every": "5s"}}}},
            id="unknown-healthcheck-key",
        ),
        pytest.param({"services": {"db": {"image": "postgres", "volumes": "pgdata:/data"}}}, id="volumes-not-a-list"),
    ],
)
def test_an_invalid_compose_document_is_rejected_by_the_schema(document):
    assert schema_errors(document)


def test_a_minimal_valid_compose_document_is_accepted_by_the_schema():
    assert not schema_errors({"services": {"web": {"image": "nginx", "ports": ["8000:8000"]}}})


def test_compose_file_has_no_obsolete_version_key():
    assert "version" not in load_compose()


def test_compose_file_defines_the_web_worker_beat_db_and_redis_services():
    services = load_compose()["services"]
    for name in LONG_RUNNING_SERVICES:
        assert name in services, f"service {name!r} is missing"


@pytest.mark.parametrize("name", SERVICES_WITH_HEALTHCHECK)
def test_service_has_an_enabled_healthcheck(name):
    healthcheck = service(name).get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    assert healthcheck["test"]


@pytest.mark.parametrize("name", LONG_RUNNING_SERVICES)
def test_long_running_service_restarts_unless_stopped(name):
    assert service(name).get("restart") == "unless-stopped"


def test_web_waits_for_a_healthy_database_and_redis_and_finished_migrations():
    depends_on = service("web")["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_migrate_runs_once_after_the_database_is_healthy():
    migrate = service("migrate")
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate.get("restart") == "no"


def test_web_runs_gunicorn_on_port_8000():
    web = service("web")
    assert web["command"][:2] == ["gunicorn", "config.wsgi:application"]
    assert "8000:8000" in web["ports"]


def test_worker_and_beat_run_the_projects_celery_app():
    assert service("worker")["command"][:4] == ["celery", "-A", "config", "worker"]
    assert service("beat")["command"][:4] == ["celery", "-A", "config", "beat"]


def test_database_data_lives_in_a_named_volume():
    compose = load_compose()
    named_volumes = compose.get("volumes") or {}
    database_volumes = [
        entry.split(":", 1)[0]
        for entry in service("db").get("volumes", [])
        if isinstance(entry, str) and entry.endswith(":/var/lib/postgresql/data")
    ]
    assert database_volumes, "the database directory is not mounted"
    assert database_volumes[0] in named_volumes


def test_redis_requires_a_password_that_must_be_set():
    redis = service("redis")
    command = redis["command"]
    command = command if isinstance(command, str) else " ".join(command)
    assert re.search(r"--requirepass\s+\S", command)
    assert "${REDIS_PASSWORD:?" in command
    assert "-a" in " ".join(redis["healthcheck"]["test"])


def test_app_services_share_one_environment_with_required_secrets_and_debug_off():
    environments = [service(name)["environment"] for name in ["web", "worker", "beat", "migrate"]]
    assert all(environment == environments[0] for environment in environments)
    environment = environments[0]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["DEBUG"] == "false"
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["CELERY_BROKER_URL"].startswith("redis://:${REDIS_PASSWORD")
    assert environment["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD")


def test_media_files_live_in_a_named_volume_shared_by_the_app_services():
    compose = load_compose()
    assert "media" in compose["volumes"]
    for name in ["web", "worker", "beat"]:
        assert "media:/data/media" in service(name)["volumes"]
        assert service(name)["environment"]["MEDIA_ROOT"] == "/data/media"


# --- Dockerfile -------------------------------------------------------------------------------------------------


def test_dockerfile_builds_on_python_3_11_slim():
    assert dockerfile_arguments("FROM")[0].startswith("python:3.11-slim")


def test_dockerfile_runs_as_a_non_root_user():
    users = dockerfile_arguments("USER")
    assert users, "no USER instruction"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_has_a_healthcheck_on_healthz():
    healthchecks = dockerfile_arguments("HEALTHCHECK")
    assert healthchecks, "no HEALTHCHECK instruction"
    assert "NONE" not in healthchecks[-1].split()
    assert "urllib" in healthchecks[-1]
    assert "http://127.0.0.1:8000/healthz" in healthchecks[-1]


def test_dockerfile_runs_gunicorn_with_the_network_wsgi_application():
    command = json.loads(dockerfile_arguments("CMD")[-1])
    assert command[:2] == ["gunicorn", "config.wsgi:application"]
    assert "0.0.0.0:8000" in command
    assert "8000" in dockerfile_arguments("EXPOSE")


def test_dockerfile_collects_static_files_with_a_build_only_secret_key():
    runs = " ".join(dockerfile_arguments("RUN"))
    assert "SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput" in runs
    assert "pip install --require-hashes --no-deps -r requirements/base.txt" in runs  # the lock, nothing around it
    assert not any("SECRET_KEY" in arguments for arguments in dockerfile_arguments("ENV"))


def test_dockerfile_healthcheck_matches_the_compose_web_healthcheck():
    image_probe = json.loads(dockerfile_arguments("HEALTHCHECK")[-1].split(" CMD ", 1)[1])[-1]
    compose_probe = service("web")["healthcheck"]["test"][-1]
    assert image_probe == compose_probe
