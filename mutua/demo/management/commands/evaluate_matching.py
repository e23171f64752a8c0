"""Score the matching engine on a labelled data set, against plain BM25.

The file is read into a throw-away database (a temporary SQLite file with the
reference data), never the user's: the command runs itself again in a child
process whose settings point there.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.demo import throwaway
from mutua.matching.engine import evaluation
from mutua.matching.selectors import engine_data


class Command(BaseCommand):
    help = "Rank every request's offers of a JSON Lines file; print nDCG, recall, MRR."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines in the format of FORMAT.md")
        parser.add_argument("--k", type=int, default=10, help="cut-off (default 10)")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print one JSON object"
        )

    def handle(self, *args, file, k, as_json, **options):
        path = Path(file).resolve()
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if not 1 <= k <= 1000:
            raise CommandError("--k must be from 1 to 1000.")
        if os.environ.get(throwaway.MARK) != "1":
            self._in_throwaway_database(path, k, as_json)
            return
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text ({error.reason}).") from error
        data = evaluation.read(lines, engine_data.codes())
        for warning in data.warnings:
            self.stderr.write(f"warning: {warning}")
        if data.errors:
            shown = "\n".join(data.errors[:50])
            more = len(data.errors) - 50
            tail = f"\n… and {more} more" if more > 0 else ""
            raise CommandError(f"{file} has bad lines:\n{shown}{tail}")
        if not any(data.relevant.values()):
            raise CommandError(f"{file} has no request with a relevant offer to score.")
        result = evaluation.evaluate(data, engine_data.places(), k=k)
        if as_json:
            self.stdout.write(json.dumps({n: v for n, v in result.items() if n != "k"}))
        else:
            self.stdout.write(_report(result))

    def _in_throwaway_database(self, path: Path, k: int, as_json: bool) -> None:
        workdir = Path(tempfile.mkdtemp(prefix="mutua-evaluate-"))
        try:
            env = throwaway.environment(workdir)
            throwaway.mutua("migrate", "--no-input", "-v", "0", env=env, capture=True)
            throwaway.mutua("load-reference", env=env, capture=True)
            flags = ["--k", str(k), *(["--json"] if as_json else [])]
            result = throwaway.mutua(
                "evaluate-matching", str(path), *flags, env=env, capture=True
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        self.stderr.write(result.stderr, ending="")
        self.stdout.write(result.stdout, ending="")


def _report(result: dict) -> str:
    k = result["k"]
    lines = [
        f"{result['requests']} requests with a relevant offer, {result['offers']} offers",
        f"{'':10} {'nDCG@' + str(k):>9} {'recall@' + str(k):>10} {'MRR':>7}",
    ]
    for name in ("engine", "baseline"):
        row = result[name]
        lines.append(
            f"{name:10} {row['ndcg']:>9.4f} {row['recall']:>10.4f} {row['mrr']:>7.4f}"
        )
    engine = result["engine"]
    lines.append(
        f"ranking latency: p50 {engine['p50_ms']} ms, p95 {engine['p95_ms']} ms"
    )
    return "\n".join(lines)
