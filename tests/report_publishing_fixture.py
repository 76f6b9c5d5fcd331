"""A small concertation with known figures, shared by the report publishing tests."""

from datetime import UTC, date, datetime

from consult.auth.models import Relation
from consult.consultation.models import Support
from consult.db import db
from tests import factories as f

EMAILS = [
    "orga.report@exemple.fr",
    "alice.martin@exemple.fr",
    "bruno.durand@exemple.fr",
    "chloe.bernard@exemple.fr",
    "denis.petit@exemple.fr",
    "eve.leroy@exemple.fr",
    "jean.dupont@exemple.fr",
]
PRIVATE_NAMES = [
    "Alice Martin",
    "Bruno Durand",
    "Chloé Bernard",
    "Denis Petit",
    "Eve Leroy",
    "Jean Dupont",
    "Olga Organisatrice",
]


def _at(day, hour=10):
    return datetime(2026, 10, day, hour, 0, tzinfo=UTC)


def build():
    """Build the fixture; return a dict of its objects."""
    orga = f.make_user(EMAILS[0], name="Olga Organisatrice", relation=Relation.OTHER)
    process = f.make_process(orga, title="Schéma de l'autonomie de la Drôme-des-Collines")
    alice = f.make_user(EMAILS[1], name="Alice Martin", relation=Relation.SERVICE_USER, territory="Valence")
    bruno = f.make_user(EMAILS[2], name="Bruno Durand", relation=Relation.FAMILY_CAREGIVER, territory="Montélimar")
    chloe = f.make_user(EMAILS[3], name="Chloé Bernard", relation=Relation.PROFESSIONAL, territory="Valence")
    denis = f.make_user(EMAILS[4], name="Denis Petit", relation=Relation.ASSOCIATION_MEMBER, territory="Romans")
    eve = f.make_user(EMAILS[5], name="Eve Leroy", relation=Relation.OTHER, territory="Die")
    apf = f.make_report_stakeholder(process, "APF France handicap Drôme", category="associations", status="engaged")
    apf.fields, apf.territory = ["disability"], "Valence"
    db.session.commit()
    f.make_report_stakeholder(process, "CCAS de Valence", category="institutions", status="invited")
    f.make_report_stakeholder(
        process,
        "Jean Dupont",
        category="service_users",
        status="invited",
        kind="person",
        contact_email=EMAILS[6],
        contact_name="Jean Dupont",
    )
    s1 = f.make_published_section(process, "Maintien à domicile")
    s2 = f.make_published_section(process, "Soutien aux aidants")

    def contribute(section, author, day, **kw):
        kw.setdefault("category", author.relation if author else None)
        kw.setdefault("territory", author.territory if author else None)
        return f.make_contribution(section, author, created_at=_at(day), **kw)

    c1 = contribute(s1, alice, 5, body="Plus d'heures d'aide à domicile le week-end.", supports=5)
    c2 = contribute(s1, chloe, 7, body="Former les aides à domicile.", kind="amendment", supports=2)
    c3 = contribute(s1, denis, 13, body="Adapter les logements.", supports=1, stakeholder=apf)
    c4 = contribute(
        s2,
        None,
        15,
        body="Lettre : un relais pour les aidants.",
        channel="letter",
        category=Relation.FAMILY_CAREGIVER,
        territory="Montélimar",
        received_on=date(2026, 10, 14),
    )
    c5 = contribute(s2, bruno, 20, body="Des places de répit.")
    c6 = contribute(s2, alice, 20, body="D'accord avec les places de répit.", parent=c5)
    contribute(s1, bruno, 8, body="CONTENU MASQUÉ", state="hidden", reason="Propos injurieux")
    contribute(s2, chloe, 8, body="CONTENU RETIRÉ", state="withdrawn")
    db.session.add(Support(contribution_id=c1.id, user_id=eve.id))
    db.session.commit()
    for user, value in ((alice, "agree"), (bruno, "agree"), (chloe, "mixed"), (denis, "disagree")):
        f.make_position(s1, user, value, now=s1.version.opens_at)
    for user in (alice, bruno, chloe):
        f.make_position(s2, user, "agree", now=s2.version.opens_at)
    home = f.make_theme(process, "Aide à domicile", disposition="accepted", reason="Retenu : **plus d'heures**.")
    respite = f.make_theme(process, "Répit")
    f.treat(c1, theme=home)
    f.treat(c2, "rejected", theme=home, reason="Hors budget cette année.")
    f.treat(c3, "partly_accepted", reason="En partie, avec le bailleur.")
    f.treat(c4, "out_of_scope", reason="Relève de l'État.")
    f.treat(c5, theme=respite)
    f.make_synthesis(process, s1, "Les participants demandent **plus d'aide**.")
    f.make_synthesis(process, None, "Une concertation riche.")
    return {
        "orga": orga,
        "process": process,
        "users": [alice, bruno, chloe, denis, eve],
        "s1": s1,
        "s2": s2,
        "c": [c1, c2, c3, c4, c5, c6],
        "themes": [home, respite],
    }


def treat_the_rest(data):
    """Give the untreated contributions (c5 through its theme, c6) a disposition."""
    from consult.report.models import DispositionValue, Theme, Treatment

    respite = db.session.get(Theme, data["themes"][1].id)
    respite.disposition, respite.reason_md, respite.reason_html = DispositionValue.ACCEPTED, "Oui", "<p>Oui</p>"
    db.session.add(
        Treatment(
            contribution_id=data["c"][5].id,
            disposition=DispositionValue.REJECTED,
            reason_md="Non",
            reason_html="<p>Non</p>",
        )
    )
    db.session.commit()
