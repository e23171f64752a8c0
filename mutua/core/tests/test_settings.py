import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from mutua.settings import env_bool
from mutua.settings import env_int


def run_mutua(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "mutua", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = run_mutua(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-key-" + "q7" * 30,
        ALLOWED_HOSTS="mutua.example.org",
        MUTUA_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_mutua("check", SECRET_KEY="", MUTUA_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_bad_environment_values_are_named(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)
