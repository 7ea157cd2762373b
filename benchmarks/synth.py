"""Synthetic wire-style conflict reports (~650 words each) from team-written templates.

Deterministic for a seed: varied places, actors, event types, date expressions and figures,
mixed with paragraphs that carry no event (background, aid, diplomacy, markets), as real
reports are. For throughput measurements only: the texts are plausible, not real.

    python benchmarks/synth.py 500 /tmp/synth.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

__all__ = ["generate", "write_jsonl"]

PLACES: tuple[tuple[str, str, str], ...] = (
    ("Syria", "Aleppo", "Anadan"), ("Syria", "Idleb", "Ariha"), ("Syria", "Deir-ez-Zor", "Al-Mayadin"),
    ("Syria", "Dar'a", "Nawa"), ("Yemen", "Taizz", "Al Mawasit"), ("Yemen", "Marib", "Sirwah"),
    ("Yemen", "Al Hudaydah", "Hays"), ("Somalia", "Lower Shabelle", "Afgooye"),
    ("Somalia", "Bay", "Baidoa"), ("Nigeria", "Borno", "Gwoza"), ("Nigeria", "Zamfara", "Anka"),
    ("Afghanistan", "Helmand", "Nad Ali"), ("Afghanistan", "Kunduz", "Imam Sahib"),
    ("Ukraine", "Donetsk", "Avdiivka"), ("Ukraine", "Luhansk", "Popasna"), ("Mali", "Mopti", "Bandiagara"),
    ("Sudan", "North Darfur", "Kutum"), ("Democratic Republic of Congo", "North Kivu", "Beni"),
    ("Myanmar", "Rakhine", "Buthidaung"), ("Burkina Faso", "Sahel", "Djibo"),
)  # fmt: skip

STATE = ("government forces", "the army", "security forces", "police", "military aircraft",
         "regime forces", "troops loyal to the government")
REBELS = ("rebel fighters", "militants", "an armed opposition group", "insurgents",
          "fighters of a jihadist group", "a local militia", "separatist forces")
CIVILIANS = ("civilians", "residents", "farmers", "displaced families", "a group of traders",
             "schoolchildren", "aid workers")
PROTESTERS = ("protesters", "demonstrators", "students", "teachers demanding unpaid wages",
              "relatives of detainees", "market vendors")
SOURCES = ("Reuters", "AFP", "a local monitoring group", "the regional health office",
           "witnesses", "a military spokesman", "a hospital official", "the UN mission")
OUTLETS = ("Wire Desk", "Frontline Monitor", "Regional Times", "Crisis Bulletin", "The Daily Report")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "12",
           "14", "17", "20", "23", "dozens of", "at least 15", "more than 30", "around 40")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EVENTS: tuple[str, ...] = (
    "{state} carried out airstrikes on {town} in {admin1} {when}, killing {n} {civ}, {src} said.",
    ("Heavy shelling by {state} hit the outskirts of {town} {when}, wounding {n} people and "
     "damaging a clinic, according to {src}."),
    ("Clashes broke out {when} between {state} and {rebels} near {town}, {admin1}; {src} reported "
     "{n} fighters killed on both sides."),
    ("A roadside bomb exploded {when} as a patrol of {state} passed through {town}, killing {n} "
     "soldiers, {src} said."),
    ("{rebels} attacked a village near {town} {when}, killing {n} {civ} and burning homes, {src} "
     "told reporters."),
    ("Hundreds of {prot} marched through {town} {when} to protest rising fuel prices; the "
     "demonstration ended peacefully, {src} said."),
    "{state} fired tear gas to disperse {prot} in {town} {when} and arrested {n} people, {src} said.",
    ("{rebels} abducted {n} {civ} on the road between {town} and the provincial capital {when}, "
     "according to {src}."),
    "{rebels} seized control of {town} in {admin1} {when} after {state} withdrew, {src} said.",
    ("A suicide bomber blew himself up at a checkpoint in {town} {when}, killing {n} people "
     "including members of {state}, {src} said."),
    "{state} and {rebels} signed a local ceasefire agreement in {town} {when}, {src} announced.",
    "Gunmen looted shops in the market of {town} {when}; {src} said no casualties were reported.",
)  # fmt: skip

#: Sentences that follow an event: detail, toll, attribution.
FOLLOW: tuple[str, ...] = (
    "The wounded were taken to a hospital in {town}, where medical staff said several were in critical condition.",
    "{src} said the death toll could rise as rescuers searched the rubble.",
    "There was no immediate claim of responsibility.",
    "The attack was the deadliest in {admin1} since the start of the year.",
    "Residents said the fighting lasted for several hours before the attackers withdrew.",
    "A spokesman for {state} blamed {rebels} for the violence.",
    "Witnesses described scenes of panic as families fled towards the river.",
    "Footage shared on social media showed columns of smoke rising over the town.",
)  # fmt: skip

#: Sentences that carry no event; filler paragraphs draw 2-4 of them.
FILLER: tuple[str, ...] = (
    "The {admin1} region has seen repeated rounds of fighting since the collapse of a truce earlier in the year.",
    "Aid agencies say access to the worst-hit districts remains limited.",
    "Roads into the area are frequently closed and fuel shortages have pushed up transport costs.",
    "Prices of bread and cooking gas in {town} have more than doubled over the past three months, traders said.",
    "Many families now rely on a single meal a day, according to a survey published last month.",
    "Diplomats meeting in Geneva this week called for a renewed political process in {country}.",
    "A statement issued after the talks said negotiators would reconvene once a technical committee had finished its work.",
    "The United Nations says more than a million people have been displaced inside {country} since the conflict began.",
    "Camps near the border are overcrowded and lack clean water.",
    "Health workers have warned of outbreaks of cholera and measles in {admin1}.",
    "Local officials said schools in {town} would reopen next month if security allowed.",
    "Teachers have not been paid regularly for most of the year, and parents say many children have joined the workforce instead.",
    "Analysts say the balance of forces around {town} has changed little in recent weeks.",
    "Satellite images reviewed by researchers show new trenches and earth berms along the main road.",
    "Mobile phone and internet services in parts of {admin1} have been cut for several days, making reports hard to verify.",
    "Journalists are rarely allowed to travel to {town} without an escort.",
    "The ministry of agriculture expects the harvest in {admin1} to be well below average.",
    "Locust swarms and erratic rainfall have added to the losses, according to a seasonal assessment.",
    "The central bank of {country} devalued the currency again last week, the third time this year.",
    "Electricity in {town} is available for only a few hours a day, residents say.",
    "Donors pledged new funds for the humanitarian response at a conference in Brussels.",
    "The appeal for {country} is less than a third funded, according to the UN's financial tracking service.",
    "A spokesman for the governor of {admin1} said a committee had been formed to review the situation.",
    "The government has repeatedly denied targeting residential areas.",
    "Opposition leaders have accused the authorities of using the crisis to postpone elections.",
    "Neighbouring countries have tightened border controls, citing security concerns.",
    "\"We do not know what tomorrow will bring,\" said a shopkeeper in {town}, who asked not to be named.",
    "\"The hospital has run out of anaesthetics,\" a nurse in {admin1} said by telephone.",
    "It was not possible to independently verify the accounts given by either side.",
    "The World Food Programme said it had resumed deliveries to {town} after a two-week pause.",
)  # fmt: skip


def _when(rng: random.Random, pub: date) -> str:
    back = rng.randint(0, 6)
    day = pub - timedelta(days=back)
    return rng.choice((
        f"on {WEEKDAYS[day.weekday()]}", "yesterday" if back == 1 else f"on {WEEKDAYS[day.weekday()]}",
        f"on {day.day} {day.strftime('%B')}", f"early on {WEEKDAYS[day.weekday()]} morning",
        "late on Saturday night", "earlier this week",
    ))  # fmt: skip


def _fill(template: str, rng: random.Random, place: tuple[str, str, str], pub: date) -> str:
    country, admin1, town = place
    text = template.format(
        state=rng.choice(STATE), rebels=rng.choice(REBELS), civ=rng.choice(CIVILIANS),
        prot=rng.choice(PROTESTERS), src=rng.choice(SOURCES), n=rng.choice(NUMBERS),
        when=_when(rng, pub), town=town, admin1=admin1, country=country,
    )
    return text[0].upper() + text[1:]


def generate(n: int, *, seed: int = 0, words: int = 650) -> Iterator[dict[str, str]]:
    """Yield ``n`` JSONL-shaped documents of about ``words`` words each."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for i in range(n):
        place = rng.choice(PLACES)
        pub = start + timedelta(days=rng.randint(0, 1500))
        paragraphs: list[str] = []
        n_events = rng.choice((1, 1, 2, 2, 3))
        for _ in range(n_events):
            event = _fill(rng.choice(EVENTS), rng, place, pub)
            detail = _fill(rng.choice(EVENTS), rng, rng.choice(PLACES), pub)
            follow = " ".join(_fill(t, rng, place, pub) for t in rng.sample(FOLLOW, 2))
            paragraphs.append(f"{event} {follow} {detail}")
        pool = list(FILLER)
        rng.shuffle(pool)
        while sum(len(p.split()) for p in paragraphs) < words - 30:
            if len(pool) < 4:
                pool = list(FILLER)
                rng.shuffle(pool)
            k = rng.randint(2, 4)
            sentences, pool = pool[:k], pool[k:]
            paragraph = " ".join(_fill(t, rng, place, pub) for t in sentences)
            paragraphs.insert(rng.randint(1, len(paragraphs)), paragraph)
        title = f"Violence in {place[1]}: {place[2]} hit again"
        outlet = rng.choice(OUTLETS)
        text = f"{title}\n\n{outlet} | {pub.day} {pub.strftime('%B')}, {pub.year}\n\n" + "\n\n".join(paragraphs)
        yield {"id": f"synth-{seed}-{i:06d}", "text": text, "date": pub.isoformat(),
               "source": outlet, "title": title}


def write_jsonl(path: Path, n: int, *, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for doc in generate(n, seed=seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_jsonl(args.out, args.n, seed=args.seed)


if __name__ == "__main__":
    main()
