# The two commands a newcomer needs: `make run` and `make test`. Each creates or reuses .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
SCALE ?= small
PROD_ENV := DJANGO_SETTINGS_MODULE=config.settings.base DEBUG=false \
	SECRET_KEY=ci-check-deploy-$$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=portal.example.org SITE_URL=https://portal.example.org CELERY_BROKER_URL=redis://:secret@redis:6379/0

# pyproject.toml keeps the ranges; requirements/*.txt pin every package with its hashes, for every platform and
# Python >= 3.11 (uv's universal resolution). Every install reads the lock: make, .ci/run and the Dockerfile.
LOCK := requirements/test.txt
COMPILE := $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command 'make lock'

.PHONY: run test lint check pytest pytest-redis-down security bench backup-drill browser-deps messages lock upgrade \
	clean

$(STAMP): $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@touch $(STAMP)

# Regenerate the lock after a change of pyproject.toml, moving as little as possible.
lock: $(STAMP)
	$(COMPILE) pyproject.toml -o requirements/base.txt
	$(COMPILE) pyproject.toml --extra test -c requirements/base.txt -o requirements/test.txt

# Move the lock to the newest versions pyproject.toml allows; then `make test`, read the changelogs of what moved
# (`git diff requirements/base.txt`), commit (README, "Upgrading dependencies").
upgrade: $(STAMP)
	$(COMPILE) --upgrade pyproject.toml -o requirements/base.txt
	$(COMPILE) --upgrade pyproject.toml --extra test -c requirements/base.txt -o requirements/test.txt

run: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev PORT=$(PORT) $(BIN)/python manage.py run_portal

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

# The suite, under coverage of the modules that decide who may do what (SECURITY.md SC-5: scripts/coverage_floors.py).
pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report= $(PYTEST_ARGS)
	$(BIN)/python -m scripts.coverage_floors

# SECURITY.md RE-8 in its own session: cache and broker at 127.0.0.1:1, where nothing listens (tests/redis_down/).
pytest-redis-down: $(STAMP)
	$(BIN)/python -m pytest --ds=config.settings.redis_down -m redis_down tests/redis_down

# SECURITY.md SC-2 (bandit: no finding of medium severity and confidence or above; a `# nosec` carries its reason,
# which tests/test_supply_chain.py checks; B703 is skipped: it repeats B308 on every mark_safe) and SC-3
# (detect-secrets: no secret beyond the audited .secrets.baseline).
security: $(STAMP)
	$(BIN)/bandit --quiet --severity-level medium --confidence-level medium --skip B703 \
		-r config network members referrals programmes training demo scripts bench
	$(BIN)/python -m scripts.check_secrets

test: lint check security pytest pytest-redis-down

# The benchmark (bench/README.md): seeds SCALE (small or region) in its own database, serves with gunicorn, drives
# every page with wrk, writes bench/results/latest.json and .md. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python -m bench.run --scale $(SCALE) $(BENCH_ARGS)

# Backup/restore drill (SECURITY.md RE-9, scripts/backup_drill.py): dumps the database the settings point at (the
# embedded `portal` by default, DATABASE_URL when set) with the pg_dump of the server's major version, restores it into
# <name>_restore_drill and checks the copy. DRILL_ARGS=--keep leaves the copy in place.
backup-drill: $(STAMP)
	$(BIN)/python -m scripts.backup_drill $(DRILL_ARGS)

messages: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py makemessages -l fr --no-obsolete --no-location
	$(BIN)/python -m config.i18n_compile

clean:
	rm -rf $(VENV) staticfiles
