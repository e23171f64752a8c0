"""The API keeps the promises of its OpenAPI description.

Schemathesis generates requests from the description, valid ones and invalid
ones, and chains them as a client would (a created record is then read, changed
and moved). Every check it has must pass: a schema-valid request is not refused
as invalid, an invalid one is not accepted, every answer has its declared shape
and status, and nothing is a server error. The examples are bounded and the seed
fixed, so that a run repeats itself and takes a few minutes (`make test-api`).
"""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from mutua.directory import selectors
from mutua.directory import services

EXAMPLES = 20
SEED = 1
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("api_contract.toml")


@pytest.mark.fuzz
def test_every_check_of_the_api_description_passes(live_server, reference, tmp_path):
    call_command("seed_demo", "--scale", "50", "--force", stdout=io.StringIO())
    # A member of a Malawian NGO of the demo: writes are tried with a real right.
    member = selectors.user_by_email("member@demo.mutua.example")
    _, key = services.api_token_create(user=member, name="contract")
    run = subprocess.run(  # noqa: S603 — our own test tool, fixed arguments
        [
            SCHEMATHESIS,
            "--config-file",
            CONFIG,
            "run",
            f"{live_server.url}/api/openapi.json",
            "--header",
            f"Authorization: Bearer {key}",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            str(SEED),
            "--workers",
            "1",
            # Nothing is kept between runs: each run stands on its own seed.
            "--generation-database",
            "none",
            "--no-color",
        ],
        # Schemathesis keeps a cache where it runs: out of the source tree.
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-2_000:]
