# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LOTSEN_VAR_DIR=/srv/lotsen/var

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      fonts-dejavu-core fonts-liberation2 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/lotsen/app
COPY pyproject.toml ./
COPY lotsen ./lotsen
COPY regions ./regions
COPY organisations ./organisations
COPY events ./events
COPY newsletters ./newsletters
RUN pip install .

COPY . .
# Build-time only: collectstatic and compilemessages need settings, not real secrets.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-used-at-runtime \
      python manage.py collectstatic --noinput -v0 \
 && python manage.py compilemessages -v0 \
 && useradd --system --home /srv/lotsen lotsen \
 && mkdir -p /srv/lotsen/var/media \
 && chown -R lotsen /srv/lotsen/var

USER lotsen
EXPOSE 8000
CMD ["gunicorn", "lotsen.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--access-logfile", "-"]
