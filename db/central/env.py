"""Alembic environment: the work is done by fieldapp.storage.migrate.run_env."""

from alembic import context

from fieldapp.storage.migrate import run_env

run_env(context)
