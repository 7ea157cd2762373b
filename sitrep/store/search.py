"""Search: full text over the reports, and names compared without case or accents.

Why: the text filter looked only at location, actor and sub-type names, so a word of the report
(``killed``, ``Houthi``, ``حلب``) found nothing; and country/admin1 were compared exactly, so
``ukraine`` or ``Hudaydah`` missed "Ukraine" and "Al Ḩudaydah". One function per need, the same on
both databases:

- :func:`document_ids_matching`: document ids whose title or text holds the words of a query.
  SQLite: the FTS5 table ``documents_fts`` (unicode61, diacritics removed), kept in step with
  ``documents`` by triggers (migration 0007). PostgreSQL: ``to_tsvector('simple', …)`` with
  ``websearch_to_tsquery`` over a GIN expression index; Latin diacritics are removed with
  ``translate()`` (no extension needed). Both index the first :data:`FTS_CHARS` characters.
  Query syntax (both): words (all must occur), ``"a phrase"``, ``or``, ``-word`` (must not occur).
- :func:`name_has_words`: names folded by :func:`fold` (case, Latin diacritics, Arabic vowel
  marks and letter variants, apostrophes, punctuation) on both sides. (A whole-name filter such
  as ``country=`` folds the few distinct stored names in Python and matches them with ``IN``:
  ``Store._countries_named``.)
  SQLite calls the Python :func:`fold` (registered on each connection as ``sitrep_fold``);
  PostgreSQL computes the same folding with ``translate()`` and ``lower()``.

Changing :data:`LATIN` or :data:`FTS_CHARS` changes PostgreSQL's index expression: a migration
must then rebuild ``ix_documents_fts``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import String, column, func, literal, literal_column, or_, select, table
from sqlalchemy.sql.elements import ColumnElement

from . import tables as t

__all__ = ["FTS_CHARS", "LATIN", "document_ids_matching", "events_matching_text", "fold",
           "fts5_query", "name_has_words", "pg_document_vector_sql"]

FTS_CHARS = 100_000  # PostgreSQL refuses a tsvector over 1 MB; both databases index this much


def _latin_map() -> dict[str, str]:
    """Latin letters with diacritics -> the base letter, lower case (e.g. Ḩ -> h, É -> e)."""
    out = {}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii() and base.isalpha() and base != ch:
            out[ch] = base.lower()
    out.update({"Ø": "o", "ø": "o", "Đ": "d", "đ": "d", "Ł": "l", "ł": "l", "ı": "i", "Ħ": "h",
                "ħ": "h"})
    return out


#: Latin diacritics stripped (both the full text and the names).
LATIN: dict[str, str] = _latin_map()
#: Arabic: vowel marks and tatweel dropped, alef/yeh/teh marbuta variants unified.
_ARABIC: dict[str, str] = {**{chr(c): "" for c in (*range(0x064B, 0x0653), 0x0670, 0x0640)},
                           "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
#: Apostrophes and ayn/hamza letters dropped ("Sana'a" = "Sanaa"), separators made spaces.
_MARKS: dict[str, str] = {**{c: "" for c in "'’‘ʼʻʿʾ`´"}, **{c: " " for c in "-_.,;:()/"}}
_NAMES: dict[str, str] = {**LATIN, **_ARABIC, **_MARKS}
_TABLE = str.maketrans(_NAMES)


def fold(value: str | None) -> str | None:
    """A name as compared by the filters: no case, diacritics, vowel marks or punctuation."""
    if value is None:
        return None
    return " ".join(value.translate(_TABLE).lower().split())


def _pg_translate(expr: Any, mapping: dict[str, str]) -> Any:
    """``translate()`` for ``mapping``: deletions go last, where ``translate`` drops them."""
    kept = [(k, v) for k, v in mapping.items() if v]
    dropped = [k for k, v in mapping.items() if not v]
    src = "".join(k for k, _ in kept) + "".join(dropped)
    dst = "".join(v for _, v in kept)
    return func.translate(expr, literal(src, String), literal(dst, String))


def _folded(dialect: str, expr: Any) -> Any:
    if dialect == "postgresql":
        lowered = func.lower(_pg_translate(expr, _NAMES))
        return func.btrim(func.regexp_replace(lowered, r"\s+", " ", "g"))
    return func.sitrep_fold(expr)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_has_words(dialect: str, col: Any, value: str) -> ColumnElement[bool]:
    """``col`` holds the words of ``value`` in a row, folded (``Hudaydah`` in "Al Ḩudaydah")."""
    words = fold(value) or ""
    if not words:
        return literal(False)
    padded = literal(" ", String) + _folded(dialect, col) + literal(" ", String)
    matched: ColumnElement[bool] = padded.like(f"% {_like_escape(words)} %", escape="\\")
    return matched


def _fields_contain(dialect: str, cols: tuple[Any, ...], value: str) -> ColumnElement[bool]:
    """Any of ``cols`` contains ``value``, ignoring case (SQLite's LIKE folds ASCII case itself;
    PostgreSQL's ``lower(col) LIKE`` is faster than ILIKE). Not folded further: a per-row Python
    call over every name would cost each text search a scan at Python speed."""
    like = f"%{_like_escape(value.lower())}%"
    if dialect == "postgresql":
        return or_(*(func.lower(col).like(like, escape="\\") for col in cols))
    return or_(*(col.like(like, escape="\\") for col in cols))


_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def fts5_query(q: str) -> str | None:
    """The web-search syntax as an FTS5 query, every term quoted (None: nothing to search)."""
    positive: list[str] = []
    negative: list[str] = []
    join_or = False
    for neg, phrase, word in _TERM.findall(q):
        text = phrase if phrase or not word else word
        if not phrase and word:
            if word.lower() == "or" and positive:
                join_or = True
                continue
            if word.startswith("-") and len(word) > 1:
                neg, text = "-", word[1:]
        if not re.search(r"\w", text):
            continue
        term = '"' + text.replace('"', '""') + '"'
        if neg:
            negative.append(term)
        elif join_or and positive:
            positive[-1] = f"({positive[-1]} OR {term})"
            join_or = False
        else:
            positive.append(term)
    if not positive:
        return None
    return " AND ".join(positive) + "".join(f" NOT {n}" for n in negative)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def pg_document_vector_sql(prefix: str = "") -> str:
    """PostgreSQL's tsvector of a document (title and text), as SQL: the expression of the index
    ``ix_documents_fts`` and of the query, so that the planner uses the index."""
    src = "".join(LATIN)
    dst = "".join(LATIN.values())
    body = f"left(coalesce({prefix}title, '') || ' ' || {prefix}text, {FTS_CHARS})"
    return (f"to_tsvector('simple'::regconfig, translate({body}, {_sql_string(src)}, "
            f"{_sql_string(dst)}))")


_fts = table("documents_fts", column("doc_id"))
_LATIN_TABLE = str.maketrans(LATIN)


def document_ids_matching(dialect: str, q: str) -> Any:
    """A SELECT of the ids of the documents whose title or text matches ``q`` (None: no terms)."""
    if dialect == "postgresql":
        vector: ColumnElement[Any] = literal_column(pg_document_vector_sql("documents."))
        query = func.websearch_to_tsquery(literal_column("'simple'::regconfig"),
                                          literal(q.translate(_LATIN_TABLE), String))
        return select(t.documents.c.id).where(vector.op("@@")(query))
    match = fts5_query(q)
    if match is None:
        return None
    return select(_fts.c.doc_id).where(
        literal_column("documents_fts").op("MATCH")(literal(match, String)))


def events_matching_text(dialect: str, q: str) -> ColumnElement[bool]:
    """Events whose names (location, admin1, actors, sub-type) hold ``q``, or whose reports do."""
    c = t.events.c
    conds = [_fields_contain(dialect, (c.location, c.admin1, c.actor1, c.actor2,
                                       c.sub_event_type), q)]
    docs = document_ids_matching(dialect, q)
    if docs is not None:
        linked = select(t.event_documents.c.event_pk).where(t.event_documents.c.doc_id.in_(docs))
        conds += [c.doc_id.in_(docs), c.id.in_(linked)]
    return or_(*conds)

