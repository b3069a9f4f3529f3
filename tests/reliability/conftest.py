"""Shared fixtures and hypothesis profiles for the reliability suite.

Profiles (choose with CASELINT_HYPOTHESIS_PROFILE, default ``reliability``):

* ``reliability``: modest example counts so the whole project suite stays fast in CI;
* ``reliability-long``: many more examples, for a local soak run::

      CASELINT_HYPOTHESIS_PROFILE=reliability-long .venv/bin/python -m pytest tests/reliability -k property

The profile is applied per test (``@PROFILE``), never globally, so other suites keep their own settings.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

settings.register_profile(
    "reliability",
    max_examples=60,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "reliability-long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings(settings.get_profile(os.environ.get("CASELINT_HYPOTHESIS_PROFILE", "reliability")))


def examples(n: int):
    """A profile-scaled example count: ``n`` in CI, 30x in the long profile."""
    scale = 30 if os.environ.get("CASELINT_HYPOTHESIS_PROFILE") == "reliability-long" else 1
    return settings(PROFILE, max_examples=n * scale)


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """An environment for subprocesses with a private HOME / XDG dirs / TMPDIR under tmp_path."""
    home = tmp_path / "home"
    dirs = {
        "HOME": home,
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "TMPDIR": tmp_path / "tmp",
    }
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    env.update({k: str(v) for k, v in dirs.items()})
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["NO_COLOR"] = "1"
    return env, dirs


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    """Config discovery is cached per process; every reliability test starts from a clean cache."""
    from caselint.config import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def lsp_client(tmp_path):
    """A language server over stdio, initialised on ``tmp_path``; closed after the test."""
    pytest.importorskip("pygls")
    from .lsp_client import Client

    c = Client(tmp_path)
    c.initialize(tmp_path.as_uri())
    yield c
    c.close()
