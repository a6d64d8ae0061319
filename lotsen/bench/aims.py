"""The aims of ``make bench`` and whether one run reached them, as one table at its end.

Each benchmark command records its verdicts here as it finishes; ``manage.py bench_summary``
prints them together. The record is a file under the var dir, emptied when ``manage.py bench``
starts, so the table shows one run, whichever of the commands it included.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Verdict:
    aim: str
    figure: str
    ok: bool


def _record_file() -> Path:
    path = Path(settings.VAR_DIR) / "bench" / "aims.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def start_run() -> None:
    _record_file().write_text("")


def record(aim: str, figure: str, ok: bool) -> None:
    with _record_file().open("a", encoding="utf-8") as record_file:
        record_file.write(json.dumps(asdict(Verdict(aim, figure, ok))) + "\n")


def recorded() -> list[Verdict]:
    path = _record_file()
    if not path.exists():
        return []
    return [Verdict(**json.loads(line)) for line in path.read_text().splitlines() if line]


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"
