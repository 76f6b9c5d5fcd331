"""Build ``corpus.json``: the labelled contributions the synthesis benchmark and tests read.

Run ``python bench/synthesis_corpus/build_corpus.py`` (deterministic: same file every time). Each
contribution is assembled from hand-written fragments (``fragments.py``) in one register — testimony,
short line, long message, official letter, angry relative — then reworded (everyday synonyms) and, for
some, written without accents, in lower case or with spelling mistakes. Organic texts are kept only when
they are not near-copies of an earlier one (real people do not write the same message), so that the
only near-duplicates are the three planted campaigns.
"""

import json
import random
import re
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fragments as F  # noqa: E402

SEED = 16
PER_SUBJECT = 55
OUT = Path(__file__).resolve().parent / "corpus.json"
START = datetime(2026, 3, 2, 8, 0)
CATEGORIES = list(F.OPENINGS)

# Everyday rewordings, applied independently with some probability each.
REWORDINGS = [
    ("Il faudrait", ["Il faut", "On devrait", "Ce serait bien de prévoir que", "Il serait temps que"]),
    ("ma mère", ["maman", "ma maman", "ma vieille mère"]),
    ("Ma mère", ["Maman", "Ma maman"]),
    ("mon père", ["papa", "mon papa"]),
    ("Mon père", ["Papa", "Mon papa"]),
    ("personnes âgées", ["anciens", "personnes agées", "seniors", "aînés"]),
    ("depuis", ["ça fait", "depuis maintenant"]),
    ("beaucoup", ["énormément", "pas mal", "bcp"]),
    ("trop", ["beaucoup trop", "vraiment trop"]),
    ("c'est", ["c'est vraiment", "ça reste", "c est"]),
    ("familles", ["gens", "foyers"]),
    ("impossible", ["pas possible", "mission impossible"]),
    ("le Département", ["le Conseil départemental", "le département"]),
    ("très", ["vraiment", "super", "tellement"]),
    ("Je voudrais", ["J'aimerais", "Je souhaiterais"]),
    ("argent", ["sous", "fric"]),
    ("des années", ["des lustres", "longtemps"]),
]

TYPOS = [
    ("é", "e"),
    ("è", "e"),
    ("à", "a"),
    ("ç", "c"),
    ("ss", "s"),
    ("mm", "m"),
    ("tt", "t"),
    ("ll", "l"),
    (" a ", " à "),
    ("ait ", "ai "),
    ("ez ", "é "),
    ("er ", "é "),
    (" et ", " est "),
    ("sont ", "son "),
    ("quand", "quant"),
    ("ces ", "ses "),
    ("leurs", "leur"),
    ("ai ", "é "),
    ("-", " "),
]


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def reword(rng, text):
    for source, targets in REWORDINGS:
        if rng.random() < 0.35:
            text = re.sub(rf"\b{source}\b", rng.choice(targets), text, count=1)
    return text


def misspell(rng, text, rate):
    for source, target in TYPOS:
        if source in text and rng.random() < rate:
            positions = [m.start() for m in re.finditer(re.escape(source), text)]
            at = rng.choice(positions)
            text = text[:at] + target + text[at + len(source) :]
    return text


def sms_style(text):
    return re.sub(r"[.!;:]+", "", text.lower()).replace("\n", " ")


def shout(rng, sentence):
    return sentence.upper() if rng.random() < 0.5 else sentence + " !!"


def opening(rng, category):
    return rng.choice(F.OPENINGS[category])


def testimony(rng, subject, category):
    core = rng.sample(subject["core"], rng.randint(1, 3))
    parts = [opening(rng, category), *core]
    if rng.random() < 0.4:
        parts.append(rng.choice(F.ASIDES))
    parts.append(rng.choice(F.DEMANDS))
    return " ".join(p for p in parts if p)


def short(rng, subject, category):
    line = rng.choice(subject["short"])
    if rng.random() < 0.5:
        line = rng.choice(["", "Bonjour, ", "Simplement : ", "Mon avis : ", "Urgent : "]) + line
    if rng.random() < 0.5:
        line += " " + rng.choice(F.DEMANDS + F.ANGRY[:3])
    return line.strip()


def long_message(rng, subject, category):
    core = rng.sample(subject["core"], min(len(subject["core"]), rng.randint(3, 5)))
    asides = rng.sample(F.ASIDES, rng.randint(1, 3))
    body = core[:2] + asides[:1] + core[2:] + asides[1:]
    paragraphs = [opening(rng, category), " ".join(body[:3]), " ".join(body[3:]), rng.choice(F.DEMANDS)]
    return "\n\n".join(p for p in paragraphs if p)


def letter(rng, subject, category):
    core = rng.sample(subject["core"], rng.randint(2, 3))
    intro = opening(rng, category) or "Je me permets de vous adresser ces quelques lignes."
    body = " ".join(core)
    return "\n\n".join(
        [rng.choice(F.LETTER_OPENINGS), intro, body, rng.choice(F.ASIDES), rng.choice(F.LETTER_CLOSINGS)]
    )


def angry(rng, subject, category):
    core = rng.sample(subject["core"], rng.randint(1, 2))
    core[0] = shout(rng, core[0])
    return " ".join([rng.choice(F.ANGRY), *core, rng.choice(F.ANGRY)])


REGISTERS = [(testimony, 40), (short, 15), (long_message, 15), (letter, 12), (angry, 18)]


def degrade(rng, text):
    """Write the text the way some people type: without accents, with mistakes, in lower case."""
    if rng.random() < 0.3:
        text = misspell(rng, text, 0.5)
    if rng.random() < 0.2:
        text = strip_accents(text)
    if rng.random() < 0.08:
        text = sms_style(text)
    return text


def shingles(text, n=5):
    norm = re.sub(r"\W+", " ", strip_accents(text.lower())).strip()
    return {norm[i : i + n] for i in range(max(1, len(norm) - n + 1))}


def too_close(text, seen):
    mine = shingles(text)
    return any(len(mine & other) / len(mine | other) > 0.45 for other in seen)


def organic(rng):
    records, seen = [], []
    registers, weights = zip(*REGISTERS, strict=True)
    for key, subject in F.SUBJECTS.items():
        made = 0
        while made < PER_SUBJECT:
            category = rng.choice(CATEGORIES)
            build = rng.choices(registers, weights)[0]
            text = degrade(rng, reword(rng, build(rng, subject, category)))
            if too_close(text, seen):
                continue
            seen.append(shingles(text))
            records.append(record(rng, text, key, category, build.__name__, None, False))
            made += 1
    return records


def record(rng, text, subject, category, register, campaign, new_account):
    when = START + timedelta(minutes=rng.randint(0, 60 * 24 * 50))
    return {
        "text": text,
        "subject": subject,
        "category": category,
        "territory": rng.choice(F.TERRITORIES),
        "register": register,
        "campaign": campaign,
        "new_account": new_account,
        "created_at": when.isoformat(),
    }


def small_edit(rng, text):
    """What people change in a letter they copy: a word, a typo, a line added or dropped."""
    if rng.random() < 0.4:
        text = misspell(rng, text, 0.3)
    if rng.random() < 0.3:
        text = text.replace("Nous vous demandons", rng.choice(["Je vous demande", "Nous demandons", "Merci"]))
    if rng.random() < 0.3:
        text += "\n" + rng.choice(["PS : mon père y va depuis 2022.", "Merci pour nos parents.", "Je compte sur vous."])
    if rng.random() < 0.15:
        text = strip_accents(text)
    return text


def campaigns(rng):
    records = []
    for _ in range(60):
        text = F.CAMPAIGN_LETTER.format(
            role=rng.choice(F.CAMPAIGN_ROLES),
            town=rng.choice(["Nyons", "Die", "Crest", "Dieulefit"]),
            places=rng.choice([12, 14, 15]),
            closing=rng.choice(F.CAMPAIGN_CLOSINGS),
            name=rng.choice(F.CAMPAIGN_NAMES),
        )
        records.append(
            record(rng, small_edit(rng, text), "daycare", "family_caregiver", "campaign", "letter", rng.random() < 0.6)
        )
    for _ in range(25):
        text = rng.choice(F.CAMPAIGN_SLOGAN_PREFIXES) + F.CAMPAIGN_SLOGAN
        records.append(
            record(rng, text, "homecare_cost", rng.choice(CATEGORIES), "campaign", "slogan", rng.random() < 0.8)
        )
    for _ in range(10):
        records.append(
            record(rng, F.CAMPAIGN_COPY, "mdph_delays", "association", "campaign", "copies", rng.random() < 0.3)
        )
    return records


def scaled(count, seed=SEED):
    """``count`` contributions for timing (subjects at random, no near-copy check, the three campaigns)."""
    rng = random.Random(seed)
    registers, weights = zip(*REGISTERS, strict=True)
    subjects = list(F.SUBJECTS.items())
    records = campaigns(rng)
    while len(records) < count:
        key, subject = rng.choice(subjects)
        category = rng.choice(CATEGORIES)
        build = rng.choices(registers, weights)[0]
        text = degrade(rng, reword(rng, build(rng, subject, category)))
        records.append(record(rng, text, key, category, build.__name__, None, False))
    return records[:count]


def build():
    rng = random.Random(SEED)
    records = organic(rng) + campaigns(rng)
    rng.shuffle(records)
    for number, item in enumerate(records, start=1):
        item["id"] = number
    return records


if __name__ == "__main__":
    corpus = build()
    OUT.write_text(json.dumps(corpus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(corpus)} contributions written to {OUT}")
