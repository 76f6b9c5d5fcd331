"""The tables of the open data, each with its fields: (name, type, French title, French description).

Columns keep stable machine names and codes (``partly_accepted``); every coded column has a ``…_label``
column beside it with its French label. Figures come as one small table per breakdown, shaped as a person
reads them, rather than one long figure/dimension/value list.
"""

from consult.report.publishing.labels import LABELS, label
from consult.text import html_to_text

YES_NO = {True: "oui", False: "non"}
KEY_FIGURES = {
    "participants": "Personnes ayant participé en ligne",
    "contributions": "Contributions publiées",
    "comments": "Commentaires",
    "replies": "Réponses à un commentaire",
    "amendments": "Amendements",
    "offline": "Contributions reçues hors ligne (réunion, courrier, téléphone)",
    "positions": "Positions sur les sections",
    "supports": "Soutiens apportés",
}
MODERATION = {
    "hidden": "Masquées par la modération",
    "withdrawn": "Retirées par leur auteur",
    "pending": "En attente de validation",
}


def _code(name, title, codes):
    return [
        (name, "string", title, f"Code stable : {codes}"),
        (f"{name}_label", "string", f"{title} (libellé)", f"{title}, en clair"),
    ]


CONTRIBUTION_FIELDS = [
    ("id", "integer", "Numéro", "Numéro de la contribution (propre à la concertation)"),
    ("section_id", "integer", "Numéro de section", "Numéro de la section du projet"),
    ("section", "string", "Section", "Titre de la section du projet"),
    *_code("kind", "Type", "comment, amendment"),
    ("is_reply", "boolean", "Réponse", "Réponse à un autre commentaire (true / false)"),
    ("is_reply_label", "string", "Réponse (libellé)", "oui ou non"),
    ("date", "date", "Date", "Date de réception"),
    *_code("channel", "Canal", "online, public_meeting, letter, phone, email, other"),
    *_code("contributor_category", "Catégorie du contributeur", "déclarée par le contributeur"),
    ("territory", "string", "Territoire", "Territoire du contributeur (déclaré)"),
    ("organisation", "string", "Organisation", "Organisation représentée, le cas échéant"),
    ("text", "string", "Texte", "Texte de la contribution"),
    ("proposed_text", "string", "Texte proposé", "Texte proposé (amendements), en texte brut"),
    ("supports", "integer", "Soutiens", "Nombre de soutiens"),
    ("theme", "string", "Thème", "Thème de traitement"),
    *_code("disposition", "Suite donnée", "accepted, partly_accepted, rejected, out_of_scope (vide : non traitée)"),
    ("reason", "string", "Motif", "Motif de la suite donnée, en texte brut"),
    ("official_response", "string", "Réponse officielle", "Réponse des organisateurs, en texte brut"),
]
POSITION_FIELDS = [
    ("section_id", "integer", "Numéro de section", "Numéro de la section"),
    ("section", "string", "Section", "Titre de la section"),
    *_code("contributor_category", "Catégorie des participants", "déclarée par les participants"),
    ("agree", "integer", "D'accord", "Positions d'accord"),
    ("mixed", "integer", "Mitigé", "Positions mitigées"),
    ("disagree", "integer", "Pas d'accord", "Positions de désaccord"),
    ("total", "integer", "Total", "Total des positions"),
]
SECTION_FIELDS = [
    ("section_id", "integer", "Numéro de section", "Numéro de la section (dans sa dernière version)"),
    ("title", "string", "Titre", "Titre de la section"),
    ("draft", "string", "Projet", "Titre du projet"),
    ("version", "integer", "Version", "Dernière version du projet où figure la section"),
    ("agree", "integer", "D'accord", "Positions d'accord (toutes versions)"),
    ("mixed", "integer", "Mitigé", "Positions mitigées (toutes versions)"),
    ("disagree", "integer", "Pas d'accord", "Positions de désaccord (toutes versions)"),
    ("consensus", "number", "Indice de consensus", "Indice de Leik (0 : opinions partagées, 1 : accord complet)"),
    ("contributions", "integer", "Contributions", "Contributions publiées (toutes versions)"),
]


def _count_fields(name, title, codes):
    return [*_code(name, title, codes), ("count", "integer", "Nombre", "Nombre de contributions")]


def _labeller(name):
    """``label`` over one table, each code translated once (a lazy translation per row costs seconds at scale)."""
    cache = {}

    def of(code):
        if code not in cache:
            cache[code] = label(LABELS[name], code)
        return cache[code]

    return of


def _text_of_html():
    """``html_to_text`` remembering each distinct text (a theme's reason repeats on thousands of rows)."""
    cache = {}

    def of(html):
        if html not in cache:
            cache[html] = html_to_text(html)
        return cache[html]

    return of


def contribution_table(contributions: list[dict]) -> list[dict]:
    """One row per published contribution of a revision (its frozen list), without any personal data."""
    kind, channel, category, disposition = (_labeller(n) for n in ("kind", "channel", "category", "disposition"))
    text = _text_of_html()
    return [
        {
            "id": c["id"],
            "section_id": c["section_id"],
            "section": c["section"],
            "kind": c["kind"],
            "kind_label": kind(c["kind"]),
            "is_reply": c["is_reply"],
            "is_reply_label": YES_NO[bool(c["is_reply"])],
            "date": c["date"],
            "channel": c["channel"],
            "channel_label": channel(c["channel"]),
            "contributor_category": c["category"],
            "contributor_category_label": category(c["category"]),
            "territory": c["territory"],
            "organisation": c["organisation"],
            "text": c["body"],
            "proposed_text": text(c["proposed_html"]),
            "supports": c["supports"],
            "theme": c["theme"],
            "disposition": c["disposition"] or "",
            "disposition_label": disposition(c["disposition"] or "untreated"),
            "reason": text(c["reason_html"]),
            "official_response": text(c.get("response_html", "")),
        }
        for c in contributions
    ]


def position_table(snapshot) -> list[dict]:
    """Positions aggregated per section and contributor category."""
    return [
        {
            "section_id": s["id"],
            "section": s["title"],
            "contributor_category": row["key"],
            "contributor_category_label": label(LABELS["category"], row["key"]),
            **{v: row[v] for v in ("agree", "mixed", "disagree", "total")},
        }
        for s in snapshot["sections"]
        for row in s["by_category"]
    ]


def section_table(snapshot) -> list[dict]:
    """The sections with their positions, consensus index and number of contributions."""
    return [
        {
            "section_id": s["id"],
            "title": s["title"],
            "draft": s["draft"],
            "version": s["version"],
            **{v: s["positions"][v] for v in ("agree", "mixed", "disagree")},
            "consensus": s["consensus"]["index"] if s["consensus"] else None,
            "contributions": s["contributions"],
        }
        for s in snapshot["sections"]
    ]


def _counts(rows, name, table) -> list[dict]:
    return [{name: r["key"], f"{name}_label": label(table, r["key"]), "count": r["count"]} for r in rows]


def figure_tables(snapshot) -> list[tuple]:
    """The report's figures, one table per breakdown: (name, title, fields, rows)."""
    part, treatment = snapshot["participation"], snapshot["treatment"]
    stakeholder_fields = [
        *_code("category", "Catégorie", "catégorie de partie prenante"),
        ("identified", "integer", "Identifiées", "Parties prenantes identifiées"),
        ("invited", "integer", "Invitées", "Parties prenantes à qui une invitation a été envoyée"),
        ("active", "integer", "Actives", "Ont contribué, rejoint un groupe, assisté à une réunion ou proposé"),
    ]
    return [
        (
            "chiffres_cles",
            "Chiffres clés",
            _code("figure", "Indicateur", "participants, contributions…") + [("value", "integer", "Valeur", "Valeur")],
            [{"figure": k, "figure_label": t, "value": part[k]} for k, t in KEY_FIGURES.items()],
        ),
        (
            "contributions_par_categorie",
            "Contributions par catégorie de contributeur",
            _count_fields("category", "Catégorie", "déclarée par le contributeur"),
            _counts(part["by_category"], "category", LABELS["category"]),
        ),
        (
            "contributions_par_territoire",
            "Contributions par territoire",
            [("territory", "string", "Territoire", "Territoire déclaré"), ("count", "integer", "Nombre", "Nombre")],
            [
                {"territory": r["key"] if r["key"] != "unknown" else "Non précisé", "count": r["count"]}
                for r in part["by_territory"]
            ],
        ),
        (
            "contributions_par_canal",
            "Contributions par canal",
            _count_fields("channel", "Canal", "online, public_meeting, letter, phone, email, other"),
            _counts(part["by_channel"], "channel", LABELS["channel"]),
        ),
        (
            "contributions_par_semaine",
            "Contributions par semaine",
            [("week", "date", "Semaine du", "Lundi de la semaine"), ("count", "integer", "Nombre", "Nombre")],
            [{"week": w["week"], "count": w["count"]} for w in part["by_week"]],
        ),
        (
            "suite_donnee",
            "Suite donnée aux contributions",
            _count_fields(
                "disposition", "Suite donnée", "accepted, partly_accepted, rejected, out_of_scope, untreated"
            ),
            [
                {
                    "disposition": k,
                    "disposition_label": label(LABELS["disposition"], k) if k != "untreated" else "Non traitée",
                    "count": n,
                }
                for k, n in treatment["by_disposition"].items()
            ],
        ),
        (
            "moderation",
            "Contributions non publiées",
            _count_fields("state", "État", "hidden, withdrawn, pending"),
            [{"state": k, "state_label": t, "count": snapshot["moderation"][k]} for k, t in MODERATION.items()],
        ),
        (
            "parties_prenantes",
            "Parties prenantes par catégorie",
            stakeholder_fields,
            [
                {
                    "category": r["category"],
                    "category_label": label(LABELS["stakeholder_category"], r["category"]),
                    "identified": r.get("identified", 0),
                    "invited": r["invited"],
                    "active": r["engaged"],
                }
                for r in snapshot["stakeholders"]["by_category"]
            ],
        ),
    ]
