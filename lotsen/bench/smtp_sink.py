"""An SMTP sink on 127.0.0.1 for ``manage.py bench_newsletter``, run as a process of its own.

Started as ``python -m lotsen.bench.smtp_sink PORT``: it accepts every
message, counts it per envelope recipient and forgets it. It prints ``ready`` once it listens;
then it answers the line ``take`` on stdin with one JSON line (messages, bytes and the count per
recipient since the last ``take``) and stops at ``quit`` or at the end of stdin.

A process of its own, so that the sink's CPU time neither slows down nor hides in the process
that measures.
"""

import json
import subprocess
import sys
import threading
from collections import Counter

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


class CountingHandler:
    def __init__(self):
        self.lock = threading.Lock()
        self.recipients: Counter[str] = Counter()
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.bytes += len(envelope.content)
            self.recipients.update(address.lower() for address in envelope.rcpt_tos)
        return "250 Message accepted"

    def take(self) -> dict:
        with self.lock:
            taken = {"messages": self.messages, "bytes": self.bytes, "recipients": self.recipients}
            self.recipients, self.messages, self.bytes = Counter(), 0, 0
        return taken


class SinkProcess:
    """The parent's handle on the sink subprocess (see the module docstring)."""

    def __init__(self, process, port: int):
        self.process = process
        self.port = port

    def take(self) -> dict:
        """What the sink received since the last call: messages, bytes, recipients (Counter)."""
        self.process.stdin.write("take\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the SMTP sink stopped")
        taken = json.loads(line)
        taken["recipients"] = Counter(taken["recipients"])
        return taken

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, ValueError, TimeoutError):
                self.process.kill()
                self.process.wait()


def start(port: int, *, cwd, python: str = sys.executable, timeout: float = 20) -> SinkProcess:
    """Start the sink on ``port`` in a subprocess and wait until it listens."""
    process = subprocess.Popen(
        [python, "-m", "lotsen.bench.smtp_sink", str(port)],
        cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
    )  # fmt: skip
    sink = SinkProcess(process, port)
    # readline blocks; a sink that dies before "ready" closes stdout, which ends it.
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        line = process.stdout.readline().strip()
    finally:
        timer.cancel()
    if line != "ready":
        sink.stop()
        raise RuntimeError(f"the SMTP sink did not start on {HOST}:{port}")
    return sink


def main(port: int) -> None:
    handler = CountingHandler()
    controller = Controller(handler, hostname=HOST, port=port, ready_timeout=10)
    controller.start()
    try:
        print("ready", flush=True)
        for line in sys.stdin:
            command = line.strip()
            if command == "take":
                print(json.dumps(handler.take()), flush=True)
            elif command == "quit":
                break
    finally:
        controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]))
