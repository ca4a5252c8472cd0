"""Measure ``wenlint server``: the time from a change to its diagnostics, and the server's memory.

    .venv/bin/python tests/perf/lsp.py [--chars 10000] [--changes 30] [--debounce MS]

Starts the real server, opens a document of ``--chars`` characters taken from the official corpus
(with findings added: a half-width comma in every paragraph), then sends ``--changes`` edits one
at a time (each a character typed in the middle of the text), and waits for each one's
diagnostics. Prints the median and worst latency (send of didChange to receipt of the
publishDiagnostics of that version) and the server's resident memory (VmRSS) idle after
initialize and after the document was linted. A plain JSON-RPC client: nothing but the server
needs pygls.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Queue
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "official_corpus"


class Client:
    def __init__(self, cmd: list[str], cwd: Path) -> None:
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd
        )
        self.inbox: Queue[tuple[float, dict[str, Any]]] = Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, obj: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **obj}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def wait(self, test: Any) -> tuple[float, dict[str, Any]]:
        while True:
            at, msg = self.inbox.get(timeout=60)
            if test(msg):
                return at, msg

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def document(chars: int) -> str:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    paras = [p for t in texts for p in t.split("\n") if len(p) > 20]
    out: list[str] = []
    size = 0
    for p in paras:
        p = p[:10] + "," + p[11:]  # a finding in every paragraph
        out.append(p)
        size += len(p) + 1
        if size >= chars:
            break
    return "\n".join(out)[:chars]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--changes", type=int, default=30)
    ap.add_argument("--debounce", type=float, default=None, help="ms (default: the server's)")
    args = ap.parse_args()
    work = Path("/tmp") / "wenlint-lsp-perf"
    work.mkdir(exist_ok=True)
    c = Client([sys.executable, "-m", "wenlint", "server"], work)
    options = {} if args.debounce is None else {"debounce": args.debounce}
    c.send(
        {
            "id": 1,
            "method": "initialize",
            "params": {
                "capabilities": {},
                "rootUri": work.as_uri(),
                "initializationOptions": options,
            },
        }
    )
    c.wait(lambda m: m.get("id") == 1)
    c.send({"method": "initialized", "params": {}})
    time.sleep(1.0)
    idle = c.rss_mb()
    uri = (work / "doc.txt").as_uri()
    text = document(args.chars)
    c.send(
        {
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
            },
        }
    )
    _, first = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    found = len(first["params"]["diagnostics"])
    latencies = []
    line = text[: len(text) // 2].count("\n")
    for v in range(2, args.changes + 2):
        sent = time.perf_counter()
        c.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": v},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": line, "character": 3},
                                "end": {"line": line, "character": 3},
                            },
                            "text": "的",
                        }
                    ],
                },
            }
        )
        at, _ = c.wait(
            lambda m, v=v: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("version") == v
            )
        )
        latencies.append((at - sent) * 1000)
        time.sleep(0.05)
    linted = c.rss_mb()
    c.send({"id": 2, "method": "shutdown"})
    c.wait(lambda m: m.get("id") == 2)
    c.send({"method": "exit"})
    code = c.proc.wait(timeout=10)
    print(f"document: {len(text)} characters, {found} findings; {args.changes} changes")
    print(
        f"latency change -> diagnostics: median {statistics.median(latencies):.1f} ms, "
        f"worst {max(latencies):.1f} ms"
    )
    print(f"memory (VmRSS): idle {idle:.1f} MB, with the document linted {linted:.1f} MB")
    print(f"exit code after shutdown/exit: {code}")


if __name__ == "__main__":
    main()
