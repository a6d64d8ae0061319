"""Load through wrk: many connections at once for a while, over a mix of pages.

``manage.py bench`` runs it against its gunicorn twice, once over the mix of pages and once
over the reference page alone, so that the mix's throughput stands beside what the same server
manages for its cheapest page under the same load. wrk (Debian's package) does the requesting
in C: a Python client would measure itself on a two-core machine.
"""

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Each request picks the next (path, cookie) pair of the mix, round robin per thread.
SCRIPT = """
local mix = {%s}
local i = 0
request = function()
  i = i %% #mix + 1
  local entry = mix[i]
  local headers = {}
  if entry[2] ~= "" then headers["Cookie"] = entry[2] end
  return wrk.format("GET", entry[1], headers)
end
"""
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class LoadResult:
    requests: int
    throughput: float  # requests per second
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors and answers other than 2xx or 3xx


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    base_url: str, mix: list[tuple[str, str]], *, seconds: int, connections: int, threads: int = 2
) -> LoadResult:
    entries = ", ".join(f"{{{_lua(path)}, {_lua(cookie)}}}" for path, cookie in mix)
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "mix.lua"
        script.write_text(SCRIPT % entries)
        output = subprocess.run(
            ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
             "--timeout", "30s", "-s", str(script), base_url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    return parse(output)


def parse(output: str) -> LoadResult:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if not match:
            raise ValueError(f"wrk printed no {percent}% latency:\n{output}")
        return float(match[1]) * UNITS_MS[match[2]]

    requests = int(re.search(r"(\d+) requests in", output)[1])
    throughput = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in socket.groups()) if socket else 0) + (
        int(status[1]) if status else 0
    )
    return LoadResult(requests, throughput, latency("50"), latency("99"), errors)


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
