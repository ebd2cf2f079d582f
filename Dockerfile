# syntax=docker/dockerfile:1

# Production image of the network portal: gunicorn serving config.wsgi, static files collected at build
# time and served by whitenoise. The same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings.base \
    MEDIA_ROOT=/data/media

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from the lock alone (exact versions with their hashes: what CI tested), so that a code change
# does not reinstall them. Every dependency ships manylinux wheels: no compiler is needed.
COPY requirements/base.txt ./requirements/
RUN pip install --require-hashes --no-deps -r requirements/base.txt

# The code stays owned by root: the app user can read it, not change it. It runs from /app (PYTHONPATH), so the
# project itself is not pip-installed (that would fetch a build backend outside the lock).
COPY . .
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && mkdir -p /data/media /app/var \
    && chown app:app /data/media /app/var

USER app

EXPOSE 8000

# /healthz is exempt from the HTTPS redirect. The Host header is the first concrete ALLOWED_HOSTS entry,
# so the probe passes host validation whatever the deployment allows.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = next((x.strip().lstrip('.') for x in os.environ.get('ALLOWED_HOSTS', '').split(',') if x.strip() not in ('', '*')), '127.0.0.1'); u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
