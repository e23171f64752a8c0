"""`mutua evaluate-matching` and `mutua benchmark-matching`, on throw-away databases."""

import json

import pytest
from django.core.management import CommandError
from django.core.management import call_command

OFFER = {"kind": "offer", "id": "o1", "title": "Mangrove training"}
REQUEST = {"kind": "request", "id": "r1", "title": "Mangroves", "relevant": {"o1": 2}}


def lines(*records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(
            lines(
                {**OFFER, "id": "o1", "description": "Mangrove work in Senegal."},
                {**OFFER, "id": "o2", "title": "Tax advice", "description": "Taxes."},
                {**REQUEST, "country": "SEN", "relevant": {"o1": 3}},
            )
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
@pytest.mark.django_db
def test_the_command_prints_one_json_object(data_file, capsys):
    call_command("evaluate_matching", str(data_file), "--json", "--k", "5")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"engine", "baseline", "requests", "offers"}
    assert set(result["engine"]) == {"ndcg", "recall", "mrr", "p50_ms", "p95_ms"}
    assert result["engine"]["ndcg"] == 1.0
    assert (result["requests"], result["offers"]) == (1, 2)


@pytest.mark.slow
@pytest.mark.django_db
def test_the_command_reports_bad_lines_and_leaves_our_database_alone(tmp_path):
    from mutua.directory.models import Country

    before = Country.objects.count()
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(OFFER) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2: not valid JSON"):
        call_command("evaluate_matching", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("evaluate_matching", str(tmp_path / "missing.jsonl"))
    with pytest.raises(CommandError, match="--k must be from 1 to 1000"):
        call_command("evaluate_matching", str(path), "--k", "0")
    assert Country.objects.count() == before


@pytest.mark.parametrize(
    "flag", ["--scale", "--samples", "--round-requests", "--round-offers"]
)
def test_the_matching_benchmark_refuses_sizes_out_of_range(flag):
    with pytest.raises(CommandError, match=f"{flag} must be from 1 to 1,000,000"):
        call_command("benchmark_matching", flag, "0")
