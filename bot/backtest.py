"""`stackwatch backtest`: the classifier against labelled articles.

Scoring is pure (labels and verdicts in, numbers out); `run_backtest` is the
one entry the CLI calls. Metrics are reported, never asserted: the exit code is
0 unless the input itself is unusable (2).

Labels are JSON lines: ``{"file": ..., "flag": bool, "events": [{"company",
"action", "evidence"}], ...}``. A predicted event matches a gold one on the
normalised company (alias table, case, punctuation and legal suffix ignored)
and the action; failing that, on a name that is the other plus whole trailing
words ("Tarraco" / "Tarraco Telecom": the short and long forms of one
organisation, which labellers write either way). With nothing predicted
precision is 1.0; with nothing to find recall is 1.0.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from classifiers import Classifier, Event, Verdict
from classifiers.companykey import ascii_fold, company_key
from watchers.articles import extract, extract_title

EventKey = tuple[str, str]
Canonical = Callable[[str], "str | None"]
PROGRESS_MIN_DOCS = 50


class BacktestError(Exception):
    """The directory or labels cannot be used; the message says why and where."""


@dataclass(frozen=True, slots=True)
class Label:
    file: str
    flag: bool
    events: tuple[EventKey, ...]  # (company as written, action)
    line: int


@dataclass(frozen=True, slots=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True, slots=True)
class DocResult:
    """One labelled document and the classifier's verdict, keyed for matching."""

    label: Label
    verdict: Verdict
    gold: Mapping[EventKey, str]     # normalised key -> company as labelled
    got: Mapping[EventKey, Event]    # normalised key -> predicted event


@dataclass(frozen=True, slots=True)
class Miss:
    file: str
    level: str                       # "document" or "event"
    kind: str                        # "false_positive" or "false_negative"
    what: str
    explanation: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "level": self.level, "kind": self.kind, "what": self.what,
                "explanation": list(self.explanation)}


@dataclass(frozen=True, slots=True)
class SetReport:
    name: str
    directory: Path
    results: tuple[DocResult, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "directory": str(self.directory),
                "documents_total": len(self.results),
                "document": score_documents(self.results).as_dict(),
                "event": score_events(self.results).as_dict(),
                "misses": [m.as_dict() for m in find_misses(self.results)]}


# ---- pure scoring --------------------------------------------------------

def normalise_company(name: str, canonical: Canonical | None = None) -> str:
    """The alias table's name, then the ledger's matching key (`company_key`)."""
    return company_key((canonical(name) if canonical else None) or name)


def judge(label: Label, verdict: Verdict, canonical: Canonical | None = None) -> DocResult:
    """Pair a label with a verdict, both keyed on (normalised company, action); a
    prediction left over takes the key of a gold event left over that names the same
    organisation in another form (`same_form`)."""
    gold = {(normalise_company(c, canonical), a): c for c, a in label.events}
    got: dict[EventKey, Event] = {(normalise_company(e.company, canonical), e.action): e
                                  for e in verdict.events}
    for key in [k for k in got if k not in gold]:
        partner = next((g for g, company in gold.items()
                        if g not in got and g[1] == key[1]
                        and same_form(company, got[key].company)), None)
        if partner is not None:
            got[partner] = got.pop(key)
    return DocResult(label, verdict, gold, got)


_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_CONNECTORS = frozenset({"and", "of", "the", "for", "de", "do", "da", "del", "di", "des", "du"})


def same_form(a: str, b: str) -> bool:
    """Two forms of one organisation's name a story uses: a longer one
    (`same_by_leading_words`) or its acronym (`same_by_initials`)."""
    return same_by_leading_words(a, b) or same_by_initials(a, b)


def same_by_initials(a: str, b: str) -> bool:
    """One name is the other's acronym ("UTS", "Universiti Teknologi Selatan";
    "ETRI", "Electronics and Telecommunications Research Institute"): stories
    define both and labellers write either. Three letters at least."""
    short, long = sorted((a.strip(), b.strip()), key=len)
    words = [w for w in _WORD.findall(ascii_fold(long).casefold()) if w not in _CONNECTORS]
    return short.isupper() and len(short) >= 3 and " " not in short and \
        len(words) == len(short) and "".join(w[0] for w in words) == short.casefold()


def same_by_leading_words(a: str, b: str) -> bool:
    """One name is the other plus trailing words: the short and long forms a story uses
    for one organisation ("Tarraco" and "Tarraco Telecom", "Kestrel & Vane" and "Kestrel
    & Vane Networks"). Labellers differ on which form to write; both name the same
    organisation. A first word under four letters is too weak a match ("Red", "HP")."""
    x, y = (_WORD.findall(ascii_fold(n).casefold().replace("&", " and ")) for n in (a, b))
    short, long = sorted((x, y), key=len)
    return 0 < len(short) < len(long) and long[:len(short)] == short \
        and len(short[0]) >= 4


def score_documents(results: Iterable[DocResult]) -> Scores:
    pairs = [(r.label.flag, r.verdict.flagged) for r in results]
    return Scores(tp=sum(g and p for g, p in pairs), fp=sum(p and not g for g, p in pairs),
                  fn=sum(g and not p for g, p in pairs))


def score_events(results: Iterable[DocResult]) -> Scores:
    tp = fp = fn = 0
    for r in results:
        tp += len(r.gold.keys() & r.got.keys())
        fp += len(r.got.keys() - r.gold.keys())
        fn += len(r.gold.keys() - r.got.keys())
    return Scores(tp, fp, fn)


def find_misses(results: Iterable[DocResult]) -> list[Miss]:
    """Every document and event the classifier got wrong, with its reasons."""
    misses: list[Miss] = []
    for r in results:
        file = r.label.file
        if r.label.flag != r.verdict.flagged:
            kind = "false_negative" if r.label.flag else "false_positive"
            misses.append(Miss(file, "document", kind, f"flagged={r.verdict.flagged}",
                               explain(r.verdict)))
        for key in sorted(r.got.keys() - r.gold.keys()):
            event = r.got[key]
            misses.append(Miss(file, "event", "false_positive", f"{event.company} {event.action}",
                               (f"{event.rule}: {event.evidence}",)))
        for key in sorted(r.gold.keys() - r.got.keys()):
            company = r.gold[key]
            misses.append(Miss(file, "event", "false_negative", f"{company} {key[1]}",
                               explain(r.verdict, company)))
    return misses


def explain(verdict: Verdict, company: str = "", limit: int = 8) -> tuple[str, ...]:
    """Trace lines behind a verdict, those naming `company` first."""
    lines = [_trace_line(t.kind, t.rule, t.detail, t.sentence) for t in verdict.trace]
    if company:
        named = [line for line in lines if company.casefold() in line.casefold()]
        lines = named or lines
    return tuple(lines[:limit]) or ("no rule matched any sentence",)


def _trace_line(kind: str, rule: str, detail: str, sentence: str) -> str:
    text = f"{kind} {rule}: {detail}"
    return f"{text} | {sentence[:160]}" if sentence else text


# ---- input ---------------------------------------------------------------

def read_labels(path: Path) -> list[Label]:
    """Labels from a JSON-lines file; a bad line is an error naming its number."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise BacktestError(f"cannot read labels file {path}: {exc.strerror or exc}") from None
    labels = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            labels.append(_label(line, number, path))
    return labels


def _label(line: str, number: int, path: Path) -> Label:
    where = f"{path}:{number}"
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BacktestError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str) or \
            not isinstance(raw.get("flag"), bool) or not isinstance(raw.get("events", []), list):
        raise BacktestError(f"{where}: expected an object with 'file' (string), 'flag' "
                            "(true/false) and 'events' (list)")
    events = []
    for event in raw.get("events", []):
        if not isinstance(event, dict) or not isinstance(event.get("company"), str) or \
                event.get("action") not in ("joined", "left"):
            raise BacktestError(f"{where}: each event needs 'company' and 'action' "
                                "('joined' or 'left')")
        events.append((event["company"], event["action"]))
    return Label(raw["file"], raw["flag"], tuple(events), number)


def load_text(path: Path) -> tuple[str, str | None]:
    """A document's text and title: .html through the article extractor (the
    page's headline as title, as a feed entry would give it), else as text
    (whose first line the classifier may take for the headline)."""
    raw = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm"):
        return extract(raw, url=None) or "", extract_title(raw)
    return raw.decode("utf-8", errors="replace"), None


def default_sets() -> list[tuple[str, Path]]:
    """The seeds next to the code (or packaged demo seeds), and their dev set."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    if not (seeds / "labels.jsonl").is_file():
        seeds = Path(str(resources.files("bot") / "demo_seeds"))
    sets = [("seeds", seeds)]
    if (seeds / "dev" / "labels.jsonl").is_file():
        sets.append(("dev", seeds / "dev"))
    return sets


# ---- running -------------------------------------------------------------

def evaluate(name: str, directory: Path, labels_path: Path | None, classifier: Classifier,
             progress: bool = False) -> SetReport:
    """Classify every labelled document of one directory."""
    if not directory.is_dir():
        raise BacktestError(f"no such directory: {directory}")
    labels_path = labels_path or directory / "labels.jsonl"
    if not labels_path.is_file():
        raise BacktestError(f"no labels file: {labels_path}")
    labels = read_labels(labels_path)
    for label in labels:
        if not (directory / label.file).is_file():
            raise BacktestError(f"{labels_path}:{label.line}: no such file {label.file!r} in "
                                f"{directory}")
    canonical = classifier.rules.lexicon.known
    results = [judge(label, classifier.classify(*load_text(directory / label.file)), canonical)
               for label in _progress(labels, name, progress)]
    return SetReport(name, directory, tuple(results))


def _progress(labels: Sequence[Label], name: str, enabled: bool) -> Iterable[Label]:
    if not enabled or len(labels) <= PROGRESS_MIN_DOCS:
        return labels
    from rich.progress import track

    return track(labels, description=f"backtest {name}", transient=True)


def run_backtest(directory: Path | None, labels: Path | None, as_json: bool, out: TextIO,
                 classifier: Classifier | None = None) -> int:
    """Score the classifier on `directory` (default: seeds and seeds/dev) and print."""
    if labels is not None and directory is None:
        print("backtest: --labels needs a DIR", file=sys.stderr)
        return 2
    classifier = classifier or Classifier()
    sets = [(directory.name or str(directory), directory)] if directory else default_sets()
    progress = not as_json and out.isatty()
    try:
        reports = [evaluate(name, path, labels if directory else None, classifier, progress)
                   for name, path in sets]
    except BacktestError as exc:
        print(f"backtest: {exc}", file=sys.stderr)
        return 2
    if as_json:
        out.write(json.dumps({"sets": [r.as_dict() for r in reports]}) + "\n")
    else:
        for report in reports:
            out.write(render(report))
    return 0


def render(report: SetReport) -> str:
    """The human summary of one set: metrics, then every miss and its trace."""
    docs, events = score_documents(report.results), score_events(report.results)
    lines = [f"{report.name} ({report.directory}): {len(report.results)} documents",
             f"  documents  {_metrics(docs)}", f"  events     {_metrics(events)}"]
    misses = find_misses(report.results)
    lines.append(f"  misses: {len(misses)}" if misses else "  no misses")
    for miss in misses:
        lines.append(f"    {miss.file}  {miss.level} {miss.kind.replace('_', ' ')}: {miss.what}")
        lines += [f"        {why}" for why in miss.explanation]
    return "\n".join(lines) + "\n\n"


def _metrics(s: Scores) -> str:
    return (f"P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
