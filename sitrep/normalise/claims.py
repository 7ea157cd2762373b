"""Claimant chains: who said a figure, outermost (the outlet) to innermost (the first-hand source).

Two readers over one sentence, both returning ``[(start, end, name), ...]`` hops for a character
offset: :func:`chain_from_parse` walks spaCy's dependency tree (reporting verbs, their subjects,
the object of "quoted", "according to" phrases, and which complement clause holds the figure);
:func:`chain_from_regex` reads the same patterns with regular expressions when no parser is at
hand or the parse finds nothing. :func:`claimant_chain` combines them and puts the publishing
outlet first.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["ATTRIBUTION_CUE", "chain_from_parse", "chain_from_regex", "claimant_chain", "clause_bounds", "clean_name",
           "speaker"]

_VERBS = r"quoted|told|confirmed|said|says|claimed|claims|reported|reports|stated|announced|added|" \
         r"affirmed|revealed|indicated|noted|asserted|documented|mentioned|explained|pointed\s+out"
#: Cheap test: does a sentence attribute anything at all?
ATTRIBUTION_CUE = re.compile(rf"\b(?:{_VERBS}|according\s+to|cited|citing|quoting)\b", re.IGNORECASE)
_REPORT_LEMMAS = {"quote", "tell", "confirm", "say", "claim", "report", "state", "announce", "add",
                  "affirm", "reveal", "indicate", "note", "assert", "document", "mention", "explain",
                  "cite"}  # fmt: skip
_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|\bmeanwhile\b|\. ", re.IGNORECASE)
_VERB_RE = re.compile(rf"\b(?P<verb>{_VERBS}|quoting|citing|cited)\b", re.IGNORECASE)
_QUOTE_VERBS = ("quoted", "quoting", "citing", "cited")
_COMPLEMENT = re.compile(r"\s*(?:that\b|as\s+saying\b|:|,)", re.IGNORECASE)
_BARE = re.compile(r"\s+(?=\d|(?:at\s+least|about|some|more\s+than|nearly|the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|dozens|several|[A-Z])\b)")
_TO = re.compile(r"\s+to\s+([^,;]{1,80}?)(?=\s*(?:that\b|:|,))", re.IGNORECASE)
_THAT = re.compile(r"\s*(?:that\b|as\s+saying\b|:)", re.IGNORECASE)
_SUBJ_STOP = re.compile(r"(?:\bthat\b|\bas\b|[,;:]\s*(?=[a-z]))", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,;.]+)", re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|but|while|whereas|as|also|meanwhile)\s+", re.IGNORECASE)
_TRAILING_SAID = re.compile(rf",\s*(?P<subj>[^,;]{{2,80}}?)\s+(?:{_VERBS})\s*(?:[.,]|$)", re.IGNORECASE)


def clean_name(text: str) -> str:
    """Tidy a source phrase: quotes, hashtags, relative clauses, generic tails, aliases."""
    t = re.sub(r",\s*(?:which|who|whose)\b[^,]*,?", "", text)
    t = t.replace("#", "").replace("’", "'").replace("‘", "'")
    t = re.sub(r"[\"“”]", " ", t)
    t = " ".join(t.strip(" '.,:").split())
    t = _LEAD.sub("", t) if not t.lower().startswith("the ") else t
    t = re.sub(r"\s+(?:media\s+means?|media\s+outlets?|news\s+outlets?|outlet|website|network)$", "",
               t, flags=re.IGNORECASE)
    alias = re.fullmatch(r"([A-Z][\w'-]*)\s+or\s+([A-Z][\w' -]+)", t)
    if alias:  # "Eyewitness or Sha'hed Ayan": a translation, then the name used later
        t = alias.group(2)
    return t.strip()


def clause_bounds(text: str, offset: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    return start, end


def _subject(text: str, end: int, floor: int) -> tuple[int, int]:
    """The phrase before a reporting verb: back to the clause start or an earlier "that"."""
    start = floor
    for m in _SUBJ_STOP.finditer(text, floor, end):
        if m.group(0).strip(" ,;:").lower() in ("that", "as") or not _relative_before(text, m.end(), end):
            start = m.end()
    return start, end


def _relative_before(text: str, pos: int, end: int) -> bool:
    """Is the comma at ``pos`` opening a relative clause (", which ...,") that we skip?"""
    return bool(re.match(r"\s*(?:which|who|whose)\b", text[pos:end], re.IGNORECASE))


def chain_from_regex(text: str, offset: int) -> list[tuple[int, int, str]]:
    """Hops (start, end, name) attributing the figure at ``offset`` in ``text``, outermost first."""
    c0, c1 = clause_bounds(text, offset)
    hops: list[tuple[int, int, str]] = []
    floor = c0
    for vm in _VERB_RE.finditer(text, c0, offset):
        verb = vm.group("verb").lower()
        s, e = _subject(text, vm.start(), floor)
        subj = text[s:e]
        subj = re.sub(r",\s*(?:which|who|whose)\b[^,]*,\s*$", "", subj.rstrip())
        subj = re.sub(r"\s+(?:has|have|had)$", "", subj.rstrip())
        if verb in _QUOTE_VERBS:
            that = _THAT.search(text, vm.end(), offset)
            if that is None:
                continue
            hops.append((s, e, clean_name(subj)))
            hops.append((vm.end(), that.start(), clean_name(text[vm.end():that.start()])))
            floor = that.end()
            continue
        to = _TO.match(text, vm.end(), offset)
        if verb == "told" and to is None:
            obj = re.match(r"\s+([^,;]{1,80}?)\s+that\b", text[vm.end():offset])
            if obj:
                hops.append((vm.end() + obj.start(1), vm.end() + obj.end(1), clean_name(obj.group(1))))
                hops.append((s, e, clean_name(subj)))
                floor = vm.end() + obj.end()
            continue
        after = to.end() if to else vm.end()
        comp = _COMPLEMENT.match(text, after, offset) or _BARE.match(text, after)
        if comp is not None and comp.end() > offset:
            comp = None
        if comp is None:
            continue
        if to is not None:
            hops.append((to.start(1), to.end(1), clean_name(to.group(1))))
        hops.append((s, e, clean_name(subj)))
        floor = comp.end()
    if not hops:
        tail = _TRAILING_SAID.search(text, offset, c1)
        if tail:
            hops.append((tail.start("subj"), tail.end("subj"), clean_name(tail.group("subj"))))
    acc = _ACCORDING.search(text, c0, c1)
    if acc:
        hop = (acc.start("src"), acc.end("src"), clean_name(acc.group("src")))
        if acc.start() < offset:
            hops.insert(0, hop)
        else:
            hops.append(hop)
    return [h for h in hops if h[2] and len(h[2].split()) <= 14]


def _phrase(tok: Any, *, skip: tuple[str, ...] = ("relcl", "punct", "ccomp", "acl", "appos")) -> tuple[int, int]:
    """Character span of a token's subtree without relative clauses and complements."""
    toks = [tok]
    stack = [c for c in tok.children if c.dep_ not in skip]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in skip)
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def chain_from_parse(sdoc: Any, offset: int) -> list[tuple[int, int, str]]:
    """Hops from a parsed sentence (a spaCy ``Doc``/``Span``) for the figure at char ``offset``."""
    base = sdoc[0].idx if len(sdoc) else 0
    target = next((t for t in sdoc if t.idx - base <= offset < t.idx - base + max(len(t.text), 1)), None)
    if target is None:
        return []
    heads = {target.i}
    node = target
    while node.head.i != node.i:
        node = node.head
        heads.add(node.i)
    hops: list[tuple[int, int, str]] = []
    for verb in sdoc:
        if verb.lemma_.lower() not in _REPORT_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
            continue
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "advcl", "xcomp", "conj", "dobj")]
        governs = any(c.i in heads for c in comps) or (verb.i in heads and verb.i != target.i)
        if not governs:
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        level: list[tuple[int, int, str]] = []
        if subj is not None:
            s, e = _phrase(subj)
            level.append((s - base, e - base, sdoc.doc.text[s:e] if hasattr(sdoc, "doc") else ""))
        if verb.lemma_.lower() in ("quote", "cite"):
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i not in heads:
                s, e = _phrase(obj)
                level.append((s - base, e - base, sdoc.doc.text[s:e]))
        if verb.lemma_.lower() == "tell":
            to = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            if to is not None and to.i not in heads:
                s, e = _phrase(to)
                level.insert(0, (s - base, e - base, sdoc.doc.text[s:e]))
        hops.extend(level)
    for tok in sdoc:
        if tok.lower_ == "according" and tok.head.i in heads:
            pobj = [t for t in tok.subtree if t.dep_ == "pobj"]
            if pobj:
                s, e = _phrase(pobj[0])
                hops.insert(0, (s - base, e - base, sdoc.doc.text[s:e]))
    return [(s, e, clean_name(n)) for s, e, n in hops if clean_name(n)]


_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: A page's dateline or furniture glued before the sentence's subject ("Published October 26 2016
#: A leading rights group", "AP Wednesday 26 Oct 2016 ...", "07.10.2017(updated 1500 07.10.2017)
#: Get short URL 11990 Russia's Defense Ministry", "Oct 2017 A coalition air strike").
_FURNITURE = re.compile(
    rf"^.*?(?:\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\b{_MONTH}\s+\d{{4}}"
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\)?)(?:\s*\(updated[^)]*\))?(?:\s+get short url)?(?:\s+\d+)?\s+(?=\S)",
    re.IGNORECASE)
#: A dateline before the subject ("FRONTON - The Starr County Sheriff's Office").
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]+\s+[-–—]+\s+(?=\S)")
#: The end of a sentence written without its space ("All suffered gunshot wounds.Police").
_GLUED = re.compile(r"^.*[a-z)]\.(?=[A-Z][a-z])")
#: A time or a scene set before the subject ("Earlier", "On Tuesday", "Later in the evening",
#: "In 24 hours of fighting", "In a statement to SANA"): not part of who speaks.
_LEAD_ADVERBIAL = re.compile(
    rf"^(?:(?:earlier|later|elsewhere|meanwhile|separately|also|in the meantime|yesterday|today|tonight|"
    rf"(?:on\s+)?{_WEEKDAY})\b[\s,]*)+", re.IGNORECASE)
_LEAD_PHRASE = re.compile(r"^(?:in|on|at(?!\s+least)|during|after|before|later|earlier|elsewhere)\s", re.IGNORECASE)
_DETERMINER = re.compile(r"(?<=\s)(?:the|a|an)\s(?=\S)", re.IGNORECASE)
_TRAIL = re.compile(rf"(?:\s+(?:on\s+{_WEEKDAY}|{_WEEKDAY}|also|adding|recently|however|has|have|it|"
                    rf"(?:said|says|reported|added|claimed|told|stated|announced)(?:\s.*)?"
                    rf"|which\s.*|who\s.*))+$", re.IGNORECASE)
#: A count of people ("13 people", "at least 30 members of", "more than 60 people").
_QUANTITY = re.compile(r"^(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?"
                       r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|"
                       r"hundreds|thousands|several|scores)\b", re.IGNORECASE)
#: Words that head what was done or who suffered, never who tells: the weapon, the attack, the dead.
_NOT_TELLERS = frozenset("""
attack attacks bomb bombs bombing bombings strike strikes airstrike airstrikes raid raids missile missiles
rocket rockets shell shells shelling fire ambush fighting clash clashes explosion explosions blast blasts
massacre conflict war people civilians children women men others casualties victims patients number dead
""".split())
_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "which"))
_PREPOSITION = re.compile(r"\b(?:of|in|at|from|on|near|among|including)\b", re.IGNORECASE)
_HEAD_END = re.compile(r"\s(?:in|at|of|from|for|with|on|near|including|based|and)\s", re.IGNORECASE)


def speaker(name: str) -> str | None:
    """Rule ``claimant-is-a-teller``: the part of a source phrase that names who tells (a person,
    a body, an outlet, "sources"), or None when it names none. A phrase read off a sentence without
    its commas carries what is no teller: page furniture and the time before the subject
    ("Published October 26 2016 A leading rights group", "Earlier a source at the police command"
    keep "A leading rights group", "a source at the police command"), what follows it ("The group
    also", "the Institute said it"), and a count, weapon or attack read as the subject ("killed 13
    people MSF said" gives "MSF"; "the car bomb", "more than 60 people", "US-led air strikes" name
    no teller)."""
    t = " ".join(name.split())
    acc = re.search(r"\baccording to\s+(.+)$", t, re.IGNORECASE)
    if acc:
        t = acc.group(1)
    t = _GLUED.sub("", _DATELINE.sub("", _FURNITURE.sub("", t)))
    t = _LEAD_ADVERBIAL.sub("", t)
    if _LEAD_PHRASE.match(t):  # "In a statement to SANA a source at ...": the noun phrase no
        # preposition governs ("a statement" follows "In", "the agency" follows "to")
        subject = next((d for d in _DETERMINER.finditer(t)
                        if not re.search(r"\b(?:in|on|at|to|for|of|by|with|from|during|after|before)\s+$",
                                         t[:d.start()], re.IGNORECASE)), None)
        if subject is not None:
            t = t[subject.start():]
    t = _TRAIL.sub("", t).strip(" ,;:")
    quantity = _QUANTITY.match(t)
    if quantity:  # "at least 112 a monitoring group", "13 people MSF": the teller after the count
        rest = " " + t[quantity.end():]
        det = _DETERMINER.search(rest)
        proper = re.search(r"(?:\s[A-Z][\w'-]*)+$", rest)
        cut = det.start() if det is not None else proper.start() if proper is not None else None
        if cut is None or _PREPOSITION.search(rest[:cut]):
            return None  # "more than 60 people", "30 members of the regime troops", "500 casualties in Aleppo"
        t = rest[cut:].strip()
    if not t or t.lower() in _PRONOUNS:
        return None
    head = _HEAD_END.split(" " + t + " ", maxsplit=1)[0]
    words = {w.strip(".,'’").lower().removesuffix("'s") for w in head.split()}
    if words & _NOT_TELLERS:
        return None
    return t


def claimant_chain(hops: list[tuple[int, int, str]], *, outlet: str | None) -> list[str]:
    """Names outermost first, the outlet prepended, repeats and pronouns dropped, each cut to who
    tells (:func:`speaker`)."""
    out: list[str] = [outlet] if outlet else []
    for _s, _e, raw in hops:
        name = speaker(raw)
        if name is None:
            continue
        low = name.lower()  # pronouns are no tellers: speaker() dropped them
        if low in ("the sources", "sources") and len(out) > (1 if outlet else 0):
            continue  # bare "sources" after a named teller add nothing
        if any(low == o.lower() or (len(low) > 3 and (low in o.lower() or o.lower() in low)) for o in out):
            continue
        out.append(name)
    return out
