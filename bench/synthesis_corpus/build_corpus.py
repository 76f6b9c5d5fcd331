"""Build ``corpus.json``: the labelled contributions the synthesis benchmark and tests read.

Run ``python bench/synthesis_corpus/build_corpus.py`` (deterministic: same file every time). Each
contribution is assembled from hand-written fragments (``fragments.py`` for the subjects, ``noise.py``
for what every contribution shares) in one register — testimony, short line, long message, official
letter, angry relative — then reworded (everyday synonyms) and, for some, written without accents, in
lower case or with spelling mistakes. As in real consultations, most texts carry the schema's common
vocabulary, letters carry long boilerplate, stories carry one useful sentence among many, and some
texts mix a second subject: TF-IDF + k-means recovers little of the subjects (see the benchmark).
Organic texts are kept only when they are not near-copies of an earlier one (real people do not
write the same message), so that the only near-duplicates are the three planted campaigns.
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
import noise as N  # noqa: E402

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


def common(rng, count):
    """Sentences of the schema's common vocabulary: a who and a what, or a whole common sentence."""
    said = []
    for _ in range(count):
        if rng.random() < 0.6:
            said.append(f"{rng.choice(N.COMMON_WHO)} {rng.choice(N.COMMON_WHAT)}")
        else:
            said.append(rng.choice(N.COMMON_SENTENCES))
    return said


def aside_subject(rng, subject):
    """A sentence of another subject: real contributions mix two, one dominant."""
    others = [s for s in F.SUBJECTS.values() if s is not subject]
    return rng.choice(rng.choice(others)["core"])


def core(rng, subject, low, high):
    return rng.sample(subject["core"], min(len(subject["core"]), rng.randint(low, high)))


def testimony(rng, subject, category):
    said = core(rng, subject, 1, 2)
    parts = [opening(rng, category), *common(rng, rng.randint(1, 3)), *said]
    if len(said) == 2 and rng.random() < 0.6:
        parts.insert(rng.randint(1, len(parts)), aside_subject(rng, subject))
    if rng.random() < 0.4:
        parts.append(rng.choice(F.ASIDES))
    parts.append(rng.choice(F.DEMANDS))
    return " ".join(p for p in parts if p)


def short(rng, subject, category):
    line = rng.choice(subject["short"] if rng.random() < 0.5 else subject["core"])
    if rng.random() < 0.4:
        line = rng.choice(["", "Bonjour, ", "Simplement : ", "Mon avis : ", "Urgent : "]) + line
    if rng.random() < 0.4:
        line += " " + common(rng, 1)[0]
    return line.strip()


def long_message(rng, subject, category):
    body = [*core(rng, subject, 2, 3), *common(rng, rng.randint(2, 4)), aside_subject(rng, subject)]
    rng.shuffle(body)
    asides = rng.sample(F.ASIDES, rng.randint(1, 2))
    paragraphs = [opening(rng, category), " ".join(body[:3]), " ".join(body[3:] + asides), rng.choice(F.DEMANDS)]
    return "\n\n".join(p for p in paragraphs if p)


def letter(rng, subject, category):
    presentation = rng.sample(N.LETTER_PRESENTATIONS, rng.randint(3, 5))
    paragraphs = [
        rng.choice(N.LETTER_HEADERS),
        rng.choice(F.LETTER_OPENINGS),
        " ".join(presentation[:-1]),
        " ".join([*common(rng, rng.randint(1, 2)), *core(rng, subject, 1, 2)]),
        presentation[-1],
        rng.choice(F.LETTER_CLOSINGS),
        rng.choice(N.LETTER_SIGNATURES),
    ]
    return "\n\n".join(paragraphs)


def angry(rng, subject, category):
    story = rng.sample(N.STORY, rng.randint(3, 6))
    useful = core(rng, subject, 1, 1)
    useful[0] = shout(rng, useful[0])
    story.insert(rng.randint(1, len(story)), useful[0])
    return " ".join([rng.choice(F.ANGRY), *story, *common(rng, rng.randint(0, 1)), rng.choice(F.ANGRY)])


REGISTERS = [(testimony, 35), (short, 22), (long_message, 12), (letter, 14), (angry, 17)]


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
