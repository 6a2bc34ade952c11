"""`stackwatch classify [--json] [--explain] PATH... | -`: classify files by hand.

HTML files (sniffed, not judged by extension) go through the same article
extractor the bot uses, so what you see is what the pipeline would decide.
An unreadable path is reported on stderr and skipped; the exit code is then 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from classifiers import Classifier, Trace, Verdict, classify
from watchers.articles import extract, extract_title, looks_like_html


def run_classify(paths: Sequence[str], as_json: bool, explain: bool, out: TextIO,
                 classifier: Classifier | None = None, stdin: TextIO | None = None) -> int:
    """Classify each path ("-" is stdin) and print one result per input."""
    failed = False
    for path in paths:
        try:
            text, title = read_input(path, stdin or sys.stdin)
        except OSError as exc:
            print(f"classify: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
            failed = True
            continue
        verdict = classifier.classify(text, title) if classifier else classify(text, title)
        if as_json:
            out.write(json.dumps(verdict_json(path, verdict, explain)) + "\n")
        else:
            out.write(render(path, verdict, explain))
    return 1 if failed else 0


def read_input(path: str, stdin: TextIO) -> tuple[str, str | None]:
    """The article text and title behind a path: stdin for "-", HTML turned
    into text with the page's headline as title (plain text has none: the
    classifier may take its first line)."""
    if path == "-":
        text = stdin.read()
    else:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    if looks_like_html(text):
        return extract(text) or "", extract_title(text)
    return text, None


def verdict_json(path: str, verdict: Verdict, explain: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": path,
        "flagged": verdict.flagged,
        "events": [{"company": e.company, "action": e.action, "evidence": e.evidence,
                    "rule": e.rule, "confidence": e.confidence} for e in verdict.events],
    }
    if explain:
        data["trace"] = [{"kind": t.kind, "rule": t.rule, "sentence": t.sentence,
                          "detail": t.detail} for t in verdict.trace]
    return data


def render(path: str, verdict: Verdict, explain: bool) -> str:
    """Human-readable verdict; with `explain`, every match and veto behind it."""
    count = len(verdict.events)
    head = f"{path}: " + (f"flagged, {count} event{'s' if count != 1 else ''}"
                          if verdict.flagged else "not flagged")
    lines = [head]
    for e in verdict.events:
        lines.append(f"  {e.action:<7} {e.company}  [{e.rule}, {e.confidence:.2f}]")
        lines.append(f"          \u201c{e.evidence}\u201d")
    if explain:
        lines.append("  trace:" if verdict.trace else "  trace: nothing matched")
        lines += [f"    {_trace_line(t)}" for t in verdict.trace]
    return "\n".join(lines) + "\n"


def _trace_line(t: Trace) -> str:
    label = {"match": "matched", "veto": "vetoed ", "note": "note   "}[t.kind]
    text = f"{label} {t.rule}: {t.detail}"
    return f"{text}\n              in: {t.sentence}" if t.sentence else text
