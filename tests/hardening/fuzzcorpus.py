"""A generated corpus of real JSONL, CSV and text files whose every input has a known outcome.

Why: the store-level fuzz profile (tests/test_fuzz.py, ``make fuzz``) must check more than "no
crash": the end-of-run reconciliation must give every input exactly the outcome it deserves. The
generator therefore decides each input's fate as it writes it (a new document, the same id with
the same text again, the same id with another text (a new document too, kept under a new id:
issue 23), or an input every database must refuse) and returns the tally.

What goes in, mixed at random from a seed: NUL (raw bytes and ``\\u0000`` escapes), lone surrogates
(``\\ud800`` escapes in JSONL, encoded surrogate bytes in CSV), ids over 255 characters, sources
over 500, titles over 2,000, U+2028 / U+0085 / U+2029 inside lines, a Latin-1 line among UTF-8,
duplicate ids with the same and with different text, blank lines, CRLF endings, broken JSON, JSON
that is not an object, a text that is not a string, unparseable and missing dates.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Expected", "write_fuzz_corpus"]

_WORDS = [
    "killed", "wounded", "shelled", "airstrike", "clashes", "protesters", "Aleppo", "Idlib", "Ariha",
    "on Thursday", "yesterday", "31 February", "999999", "dozens", "at least", "regime", "would",
    "not", "denied", "\u200f", "قتل", "خمسة", "“", "”", "’", "五", "١٢", "civilians", "rescuers said",
    "government warplanes", "in the town of", "three", "people", "Taiz", "rebels",
]  # fmt: skip
_SEPARATORS = ["\u2028", "\u0085", "\u2029", "\r", "\t", "\n"]
_LEADS = [
    "Government warplanes carried out airstrikes on the town of Ariha in Idlib on Friday, killing "
    "{n} civilians, rescuers said.",
    "Clashes between rebels and regime forces in Taiz killed {n} fighters on Monday.",
    "Protesters gathered peacefully in Aleppo on Thursday; {n} were arrested.",
    "The weather was mild all week, {n} visitors came to the market.",
]


@dataclass
class Expected:
    """What a correct run must report for the corpus (and what a second run must skip)."""

    #: distinct documents a store must hold after the run (each: events or "no event")
    documents: int = 0
    #: inputs whose id an earlier input holds with another text (kept under a new id; counted
    #: again on a re-run, where they are skipped)
    renamed: int = 0
    #: inputs repeating a stored id with the same text (outcome "skipped")
    skipped: int = 0
    #: inputs no database may store (outcome "quarantined", one quarantine row each)
    quarantined: int = 0
    #: blank lines written (no input, no outcome)
    blank_lines: int = 0
    files: int = 0
    #: generated inputs by kind, for the report
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def inputs(self) -> int:
        return self.documents + self.skipped + self.quarantined


class _Gen:
    """Decides each input's kind and fate; remembers stored documents for the duplicates."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.expected = Expected()
        self.stored: list[dict[str, Any]] = []  # JSONL/CSV documents stored so far, in input order
        self.first_text: dict[str, str] = {}  # the text each id was first stored with
        self.serial = 0

    def keep(self, obj: dict[str, Any]) -> None:
        """A document that will be stored: under its id, or a new one if another text has it."""
        first = self.first_text.setdefault(obj["id"], obj["text"])
        self.stored.append(obj)
        self.expected.renamed += first != obj["text"]

    def count(self, kind: str, fate: str) -> None:
        self.expected.kinds[kind] = self.expected.kinds.get(kind, 0) + 1
        if fate == "doc":
            self.expected.documents += 1
        elif fate == "skip":
            self.expected.skipped += 1
        else:
            self.expected.quarantined += 1

    def text(self) -> str:
        """A unique report text: a lead (maybe an event), filler words, odd separators inside."""
        self.serial += 1
        rng = self.rng
        words = [rng.choice(_WORDS) for _ in range(rng.randint(0, 25))]
        for _ in range(rng.randint(0, 2)):
            words.insert(rng.randint(0, len(words)), rng.choice(_SEPARATORS))
        lead = rng.choice(_LEADS).format(n=rng.randint(1, 40))
        return f"{lead} {' '.join(words)} (report {self.serial})"

    def fresh(self) -> dict[str, Any]:
        """A new valid document as a mapping (id, text, maybe date, source, title)."""
        rng = self.rng
        obj: dict[str, Any] = {"id": f"fz-{self.serial + 1}-{rng.randrange(10**6)}", "text": self.text()}
        if rng.random() < 0.7:
            obj["date"] = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.5:
            obj["source"] = rng.choice(["Desk", "Enab Baladi", "Outlet\u2028Two", "x" * 500])
        if rng.random() < 0.3:
            obj["title"] = "Title\u0085" + "t" * rng.randint(0, 1990)
        return obj


def _document(gen: _Gen, kind: str) -> tuple[str, dict[str, Any], str]:
    """The object of one input line or row and its expected fate, for the kinds every format
    shares: a valid document, the same document again (skipped; renamed if its id was taken by
    another text), or a stored id with a different text (kept under a new id). Any other kind
    starts from a fresh object, quarantined unless its writer says otherwise."""
    rng = gen.rng
    if kind in ("dup_same", "dup_diff") and not gen.stored:
        kind = "valid"
    obj = gen.fresh()
    fate = "quarantined"
    if kind == "valid":
        gen.keep(obj)
        fate = "doc"
    elif kind == "dup_same":
        obj = {**rng.choice(gen.stored), "source": "another outlet"}  # only the text decides
        gen.expected.renamed += gen.first_text[obj["id"]] != obj["text"]
        fate = "skip"
    elif kind == "dup_diff":
        obj = {**rng.choice(gen.stored), "text": gen.text()}
        gen.keep(obj)
        fate = "doc"
    return kind, obj, fate


def _jsonl_line(gen: _Gen) -> bytes:
    """One non-blank JSONL line; counts its expected outcome."""
    rng = gen.rng
    kind = rng.choices(
        ["valid", "dup_same", "dup_diff", "nul_escape", "nul_byte", "surrogate", "surrogate_id",
         "long_id", "long_source", "long_title", "latin1", "broken", "not_object", "text_type",
         "bad_date", "empty_text"],
        weights=[55, 5, 4, 3, 2, 3, 2, 2, 2, 2, 4, 4, 2, 2, 2, 2])[0]  # fmt: skip
    kind, obj, fate = _document(gen, kind)
    if kind == "nul_escape":
        obj["text"] = obj["text"][:10] + "\x00" + obj["text"][10:]
    elif kind == "long_id":
        obj["id"] = "i" * rng.randint(256, 400)
    elif kind == "long_source":
        obj["source"] = "s" * rng.randint(501, 700)
    elif kind == "long_title":
        obj["title"] = "t" * rng.randint(2001, 2500)
    elif kind == "bad_date":
        obj["date"] = rng.choice(["2016-02-31", "not a date", "31/31/2016"])
    elif kind == "empty_text":
        obj["text"] = rng.choice(["", "   ", "\u2028"]) if rng.random() < 0.5 else " \t "
    elif kind == "text_type":
        obj["text"] = rng.choice([5, None, ["a"], {"t": 1}])
    gen.count(kind, fate)
    line = json.dumps(obj, ensure_ascii=rng.random() < 0.3)
    if kind == "surrogate":
        line = line.replace('"text": "', '"text": "\\ud800', 1)
    elif kind == "surrogate_id":
        line = line.replace('"id": "', '"id": "\\udfff', 1)
    elif kind == "nul_byte":
        return line.encode()[:12] + b"\x00" + line.encode()[12:]
    elif kind == "latin1":
        return line.replace('"text": "', '"text": "caf\u00e9 ', 1).encode("latin-1", "replace")
    elif kind == "broken":
        return line.encode()[: rng.randint(1, max(1, len(line) - 2))].rstrip(b"\r")
    elif kind == "not_object":
        line = json.dumps([obj.get("id"), obj.get("text")])
    return line.encode("utf-8")


def _write_jsonl(gen: _Gen, path: Path, n: int) -> None:
    with path.open("wb") as fh:
        for _ in range(n):
            while gen.rng.random() < 0.05:
                gen.expected.blank_lines += 1
                fh.write(gen.rng.choice([b"\n", b"   \n", b"\r\n"]))
            fh.write(_jsonl_line(gen) + gen.rng.choice([b"\n", b"\r\n"]))


def _csv_row(gen: _Gen) -> bytes:
    rng = gen.rng
    kind = rng.choices(["valid", "dup_same", "dup_diff", "nul", "surrogate", "long_id",
                        "long_source", "latin1", "bad_date", "empty_text"],
                       weights=[60, 5, 4, 4, 4, 3, 3, 5, 3, 3])[0]  # fmt: skip
    kind, obj, fate = _document(gen, kind)
    if kind == "nul":
        obj["text"] = obj["text"][:8] + "\x00" + obj["text"][8:]
    elif kind == "long_id":
        obj["id"] = "c" * rng.randint(256, 400)
    elif kind == "long_source":
        obj["source"] = "s" * rng.randint(501, 700)
    elif kind == "bad_date":
        obj["date"] = "2016-13-45"
    elif kind == "empty_text":
        obj["text"] = "   "
    elif kind == "surrogate":
        obj["text"] = "\ud800" + obj["text"]
    elif kind == "latin1":
        obj["text"] = "caf\u00e9 " + obj["text"]
    gen.count(kind, fate)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(
        [obj.get(k, "") for k in ("id", "text", "date", "source", "title")])
    row = buf.getvalue()
    if kind == "surrogate":
        return row.encode("utf-8", "surrogatepass")
    if kind == "latin1":
        return row.encode("latin-1", "replace")
    return row.encode("utf-8")


def _write_csv(gen: _Gen, path: Path, n: int) -> None:
    with path.open("wb") as fh:
        fh.write(b"id,text,date,source,title\r\n")
        for _ in range(n):
            if gen.rng.random() < 0.03:
                gen.expected.blank_lines += 1
                fh.write(b"\r\n")  # the csv module skips an empty row: no input
            fh.write(_csv_row(gen))


def _write_txt(gen: _Gen, path: Path, seen: list[bytes]) -> None:
    """One text file = one input (its id is the hash of its text)."""
    rng = gen.rng
    kind = rng.choices(["valid", "same_text", "nul", "latin1", "empty"], weights=[80, 5, 5, 5, 5])[0]
    if kind == "same_text" and not seen:
        kind = "valid"
    data = f"Desk | 4 November, 2016\n\n{gen.text()}\n".encode()
    fate = "quarantined"
    if kind == "valid":
        seen.append(data)
        fate = "doc"
    elif kind == "same_text":
        data, fate = rng.choice(seen), "skip"
    elif kind == "nul":
        data = data[:20] + b"\x00" + data[20:]
    elif kind == "latin1":
        data = data + "caf\u00e9\n".encode("latin-1")
    elif kind == "empty":
        data = rng.choice([b"", b"  \n\n", b"\xef\xbb\xbf"])
    gen.count(f"txt_{kind}", fate)
    path.write_bytes(data)


def write_fuzz_corpus(folder: Path, inputs: int, *, seed: int = 0,
                      per_file: int = 200) -> Expected:
    """Write about ``inputs`` inputs (at least that many) into ``folder``; what a run must report.

    Files are named so that the sorted walk reads them in the order written, which is what makes
    "the first of two documents with one id keeps it, the second is renamed" predictable.
    """
    folder.mkdir(parents=True, exist_ok=True)
    gen = _Gen(seed)
    seen_txt: list[bytes] = []
    writers: dict[str, Callable[[Path], None]] = {
        "jsonl": lambda p: _write_jsonl(gen, p, gen.rng.randint(1, per_file)),
        "csv": lambda p: _write_csv(gen, p, gen.rng.randint(1, per_file)),
        "txt": lambda p: _write_txt(gen, p, seen_txt),
    }
    while gen.expected.inputs < inputs:
        ext = gen.rng.choices(["jsonl", "csv", "txt"], weights=[3, 2, 4])[0]
        writers[ext](folder / f"f{gen.expected.files:06d}.{ext}")
        gen.expected.files += 1
    return gen.expected
