from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest import read_inputs, read_path
from sitrep.schema import Document, QuarantineItem


def _one(path: Path) -> list[Document | QuarantineItem]:
    return list(read_path(path))


@pytest.mark.parametrize(
    ("name", "content", "reason_part"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("junk.txt", bytes(range(256)) * 4, "binary"),
        ("bad-utf8.txt", b"Shelling hit the town\non Monday \xff\xfe killing two", "invalid UTF-8"),
        ("nocol.csv", b"title,url\nA,http://x\n", "no text column"),
        ("page.html", b"<html><body><script>var x=1;</script></body></html>", "unreadable HTML"),
        ("feed.rss", b"<?xml version='1.0'?><rss><channel><title>x</title>", "feed"),
    ],
)
def test_readers_bad_input_is_quarantined_with_reason(tmp_path: Path, name: str, content: bytes,
                                                      reason_part: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = _one(path)
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, QuarantineItem)
    assert item.origin == str(path)
    assert reason_part.lower() in item.reason.lower()


def test_readers_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"line one\nline two\nthree \xc3\x28 here\n")
    (item,) = _one(path)
    assert isinstance(item, QuarantineItem) and item.line == 3


def test_readers_jsonl_keeps_good_lines_and_quarantines_bad(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Police arrested ten people in Lagos on Monday.", "date": "2020-05-04"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps([1, 2]),
        json.dumps({"text": "Gunmen killed two farmers on Sunday.", "source": "Wire"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _one(path)
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, QuarantineItem)]
    assert [d.id for d in docs][0] == "a" and docs[0].date == date(2020, 5, 4)
    assert docs[1].id.startswith("sha1:") and docs[1].source == "Wire"
    assert sorted(b.line for b in bad) == [2, 3, 4]


def test_readers_content_hash_id_is_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clashes in Taiz on Friday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Clashes in Taiz on Friday.", encoding="utf-8")
    ids = {i.id for i in read_inputs([tmp_path]) if isinstance(i, Document)}
    assert len(ids) == 1


@pytest.mark.parametrize(("text", "published", "source"), [
    ("Title here\n\nDemo Desk | 4 November, 2016\n\nBody text.", date(2016, 11, 4), "Demo Desk"),
    # a numeric date that starts with the year, and an Arabic desk
    ("عنوان\n\nمكتب الأخبار | 2016-09-30\n\nنص الخبر.", date(2016, 9, 30), "مكتب الأخبار"),
])
def test_readers_txt_dateline_gives_publication_date_and_source(tmp_path: Path, text: str,
                                                               published: date, source: str) -> None:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = _one(path)
    assert isinstance(doc, Document) and doc.date == published
    assert doc.source == source


def test_readers_jsonl_without_a_date_field_is_dated_by_its_dateline(tmp_path: Path) -> None:
    # as a text file is: "LUCKNOW, March 10, 2002 - ..." dates the report; "on Saturday" is then
    # the Saturday before it, not an undated event
    path = tmp_path / "r.jsonl"
    rows = [{"id": "a", "text": "LUCKNOW, March 10, 2002 - Police fired on protesters on Saturday."},
            {"id": "b", "text": "Police fired on protesters on Saturday.", "date": "2002-03-12"},
            {"id": "c", "text": "Police fired on protesters on Saturday."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = {d.id: d for d in read_path(path) if isinstance(d, Document)}
    assert docs["a"].date == date(2002, 3, 10)
    assert docs["b"].date == date(2002, 3, 12)  # the field wins
    assert docs["c"].date is None


def test_readers_default_date_applies_when_document_has_none(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Shelling hit the town on Monday.", encoding="utf-8")
    (doc,) = list(read_path(path, default_date=date(2021, 1, 5)))
    assert isinstance(doc, Document) and doc.date == date(2021, 1, 5)


def test_readers_csv_text_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,text,date\nx1,"Protesters marched in Quito, on Friday.",2019-10-04\nx2,,\n',
                    encoding="utf-8")
    items = _one(path)
    assert isinstance(items[0], Document) and items[0].id == "x1"
    assert isinstance(items[1], QuarantineItem) and items[1].line == 3


def test_readers_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["Government forces shelled the village of Kafr Zita on Sunday, residents said."] * 5)
    html = (f"<html><head><title>Shelling in Hama</title>"
            f"<meta property='article:published_time' content='2019-05-12T10:00:00Z'></head>"
            f"<body><nav>Home | World</nav><article><h1>Shelling in Hama</h1><p>{body}</p>"
            f"<p>{body}</p></article></body></html>")
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = _one(path)
    assert isinstance(doc, Document)
    assert "Kafr Zita" in doc.text and "Home | World" not in doc.text
    assert doc.date == date(2019, 5, 12)


def test_readers_rss_entries_become_documents(tmp_path: Path) -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
    <item><title>Clashes in Marib</title><link>http://example.invalid/1</link>
    <description>Fighters clashed near Marib on Monday.</description>
    <pubDate>Tue, 05 May 2020 10:00:00 GMT</pubDate></item>
    <item><title>Protest in Aden</title><link>http://example.invalid/2</link>
    <description>Residents protested power cuts.</description></item></channel></rss>"""
    path = tmp_path / "feed.xml"
    path.write_text(rss, encoding="utf-8")
    items = _one(path)
    assert [type(i).__name__ for i in items] == ["Document", "Document"]
    assert items[0].date == date(2020, 5, 5) and items[0].source == "Desk"  # type: ignore[union-attr]


def test_readers_missing_path_is_reported() -> None:
    (item,) = list(read_inputs(["/nonexistent/sitrep/file.txt"]))
    assert isinstance(item, QuarantineItem) and "no such file" in item.reason


def test_readers_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Gunmen abducted a teacher in Kaduna on Friday."))
    monkeypatch.setattr(sys, "stdin", fake)
    (doc,) = list(read_inputs(["-"]))
    assert isinstance(doc, Document) and "Kaduna" in doc.text
