# The two commands a newcomer needs: `make run` and `make test`. Each creates or reuses .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
SCALE ?= small
PROD_ENV := DJANGO_SETTINGS_MODULE=network.settings DEBUG=false \
	SECRET_KEY=ci-check-deploy-$$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=portal.example.org SITE_URL=https://portal.example.org CELERY_BROKER_URL=redis://:secret@redis:6379/0

.PHONY: run test lint check pytest bench browser-deps messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	DJANGO_SETTINGS_MODULE=network.settings_dev PORT=$(PORT) $(BIN)/python manage.py run_portal

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=network.settings_dev $(BIN)/python manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

pytest: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint check pytest

# The benchmark (bench/README.md): seeds SCALE (small or region) in its own database, serves with gunicorn, drives
# every page with wrk, writes bench/results/latest.json and .md. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python -m bench.run --scale $(SCALE) $(BENCH_ARGS)

messages: $(STAMP)
	DJANGO_SETTINGS_MODULE=network.settings_dev $(BIN)/python manage.py makemessages -l fr --no-obsolete --no-location
	$(BIN)/python -m network.i18n_compile

clean:
	rm -rf $(VENV) staticfiles
