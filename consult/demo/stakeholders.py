"""The demo registry: about forty stakeholders of the autonomy field in the Drôme-des-Collines.

Some are engaged, some invited, some declined; the demo representative accepted the invitation of
APF France handicap. Service users' own representatives are not engaged for disability: a visible gap.
"""

from datetime import timedelta

from consult.stakeholders.csvformat import normalize
from consult.stakeholders.models import InvolvementLevel as Lv
from consult.stakeholders.models import StakeholderCategory as Cat
from consult.stakeholders.models import StakeholderKind as Kind
from consult.stakeholders.models import StakeholderStatus as St
from consult.stakeholders.services.invitations import accept_invitation, decline_invitation, invite_stakeholders
from consult.stakeholders.services.registry import create_stakeholder, set_public_list
from consult.stakeholders.services.representatives import request_representation

ELD, DIS, CHI, INT, HOU, HEA = "autonomy_elderly", "disability", "childhood_family", "integration", "housing", "health"
APF = "APF France handicap – délégation de la Drôme-des-Collines"
ALL = "Toute la Drôme-des-Collines"

# (name, category, fields, territory, level, influence, interest, plan, contact person, notes)
# plan: "engaged" (met in person), "identified", "invited" (no answer yet), "declined" (answered no), "accepted"
REGISTRY = [
    ("Conseil de la vie sociale de l'EHPAD Les Tilleuls", Cat.SERVICE_USERS, [ELD], "Saint-Vallier", Lv.CONCERT, 2, 4,
     "engaged", "Mme Odette Ravel", "Présidente du CVS, très investie sur la vie en établissement."),
    ("Collectif des usagers de l'ESAT Les Ateliers du Vercors", Cat.SERVICE_USERS, [DIS], "Crest", Lv.CONSULT, 1, 5,
     "invited", "M. Karim Achour", "Prévoir des documents en FALC."),
    ("GEM Le Pas de côté", Cat.SERVICE_USERS, [DIS, HEA], "Montélimar", Lv.CONCERT, 1, 4, "declined",
     "Mme Lucie Barral", "Le groupe ne souhaite pas siéger cette année ; à recontacter pour la consultation."),
    ("Conseil de la vie sociale du foyer de vie Les Genêts", Cat.SERVICE_USERS, [DIS], "Die", Lv.CONSULT, 1, 4,
     "identified", "", "Contact à trouver auprès de la direction du foyer."),
    ("Comité local des retraités de la MSA", Cat.SERVICE_USERS, [ELD], "Nyons", Lv.CONSULT, 2, 3, "invited",
     "M. Gérard Fabre", ""),
    ("ARS Auvergne-Rhône-Alpes – délégation départementale", Cat.INSTITUTIONS, [HEA, ELD, DIS], ALL, Lv.CO_CONSTRUCT,
     5, 4, "engaged", "Dr Claire Vidal", "Co-pilote du volet « parcours de santé »."),
    ("CAF de la Drôme-des-Collines", Cat.INSTITUTIONS, [CHI, DIS], ALL, Lv.CONSULT, 4, 2, "invited",
     "Mme Sandrine Morel", ""),
    ("CPAM de la Drôme-des-Collines", Cat.INSTITUTIONS, [HEA], ALL, Lv.CONSULT, 4, 2, "engaged", "M. Éric Brun", ""),
    ("MDPH de la Drôme-des-Collines", Cat.INSTITUTIONS, [DIS], ALL, Lv.CO_CONSTRUCT, 4, 5, "engaged",
     "Mme Nathalie Garnier", "Données sur les délais de traitement à intégrer au diagnostic."),
    ("Conseil départemental de la citoyenneté et de l'autonomie (CDCA)", Cat.INSTITUTIONS, [ELD, DIS], ALL,
     Lv.CO_CONSTRUCT, 3, 5, "engaged", "M. Jean-Pierre Roux", "Avis obligatoire sur le schéma."),
    ("CCAS de Valence", Cat.INSTITUTIONS, [ELD, INT], "Valence", Lv.CONCERT, 3, 4, "engaged", "Mme Amandine Petit", ""),
    ("CCAS de Romans-sur-Isère", Cat.INSTITUTIONS, [ELD], "Romans-sur-Isère", Lv.CONCERT, 3, 4, "invited",
     "M. Paul Girard", ""),
    ("CCAS de Montélimar", Cat.INSTITUTIONS, [ELD, INT], "Montélimar", Lv.CONCERT, 3, 4, "declined",
     "Mme Hélène Marchand", "Équipe en sous-effectif ce semestre."),
    ("Carsat Rhône-Alpes – action sociale retraite", Cat.INSTITUTIONS, [ELD], ALL, Lv.CONSULT, 4, 3, "invited",
     "M. Olivier Lambert", ""),
    ("MSA Ardèche Drôme Loire", Cat.INSTITUTIONS, [ELD], ALL, Lv.CONSULT, 3, 3, "identified", "", ""),
    ("Direction des services départementaux de l'Éducation nationale", Cat.INSTITUTIONS, [DIS, CHI], ALL, Lv.CONSULT,
     4, 2, "identified", "", "Pour la scolarisation des enfants en situation de handicap."),
    ("EHPAD Les Tilleuls", Cat.PROFESSIONALS, [ELD], "Saint-Vallier", Lv.CONCERT, 3, 4, "engaged",
     "M. Thomas Mercier", ""),
    ("EHPAD public de Crest", Cat.PROFESSIONALS, [ELD], "Crest", Lv.CONCERT, 3, 4, "invited", "Mme Sylvie Caron", ""),
    ("SAAD ADMR de la Drôme-des-Collines", Cat.PROFESSIONALS, [ELD, DIS], ALL, Lv.CONCERT, 3, 5, "engaged",
     "Mme Laure Perrin", "Difficultés de recrutement des aides à domicile."),
    ("SAAD Aide à domicile du Diois", Cat.PROFESSIONALS, [ELD], "Die", Lv.CONSULT, 2, 4, "invited",
     "M. Bruno Faure", ""),
    ("SSIAD du Nyonsais", Cat.PROFESSIONALS, [ELD, HEA], "Nyons", Lv.CONSULT, 2, 3, "identified", "", ""),
    ("ESAT Les Ateliers du Vercors", Cat.PROFESSIONALS, [DIS], "Crest", Lv.CONCERT, 2, 4, "invited",
     "Mme Agnès Rolland", ""),
    ("IME Les Colombes", Cat.PROFESSIONALS, [DIS, CHI], "Romans-sur-Isère", Lv.CONSULT, 2, 3, "identified", "", ""),
    ("Centre hospitalier de Valence – filière gériatrique", Cat.PROFESSIONALS, [HEA, ELD], "Valence", Lv.CONSULT, 4, 3,
     "engaged", "Dr Marc Antoine", ""),
    ("Dispositif d'appui à la coordination (DAC) Drôme-des-Collines", Cat.PROFESSIONALS, [HEA, ELD, DIS], ALL,
     Lv.CONCERT, 3, 5, "engaged", "Mme Julie Blanc", ""),
    ("Union départementale CFDT", Cat.SOCIAL_PARTNERS, [ELD], ALL, Lv.INFORM, 2, 2, "identified", "", ""),
    ("Syndicat CGT des services à domicile", Cat.SOCIAL_PARTNERS, [ELD, DIS], ALL, Lv.INFORM, 2, 3, "invited",
     "M. Franck Dumas", ""),
    ("Fédération des particuliers employeurs (FEPEM)", Cat.SOCIAL_PARTNERS, [ELD], ALL, Lv.INFORM, 2, 3, "declined",
     "Mme Isabelle Renaud", ""),
    (APF, Cat.ASSOCIATIONS, [DIS], "Valence", Lv.CO_CONSTRUCT, 3, 5, "accepted", "Mme Nadia Benali",
     "Délégation très active sur l'accessibilité et l'habitat inclusif."),
    ("UNAFAM Drôme-des-Collines", Cat.ASSOCIATIONS, [DIS, HEA], "Valence", Lv.CONCERT, 2, 5, "engaged",
     "Mme Jeanne Petit", ""),
    ("France Alzheimer Drôme-des-Collines", Cat.ASSOCIATIONS, [ELD, HEA], "Valence", Lv.CONCERT, 2, 5, "engaged",
     "M. Henri Vincent", ""),
    ("Association des aidants familiaux du Royans", Cat.ASSOCIATIONS, [ELD, DIS], "Royans", Lv.CONCERT, 1, 5,
     "invited", "Mme Martine Gauthier", ""),
    ("Plateforme d'accompagnement et de répit des aidants", Cat.ASSOCIATIONS, [ELD], "Valence", Lv.CONCERT, 2, 5,
     "engaged", "Mme Chloé Roche", ""),
    ("Petits Frères des Pauvres – équipe de Montélimar", Cat.ASSOCIATIONS, [ELD, INT], "Montélimar", Lv.CONSULT, 2, 4,
     "invited", "M. Yves Leclerc", ""),
    ("Adapei de la Drôme-des-Collines", Cat.ASSOCIATIONS, [DIS], ALL, Lv.CONCERT, 3, 5, "engaged",
     "M. Laurent Guérin", ""),
    ("Fondation OVE", Cat.ASSOCIATIONS, [DIS], ALL, Lv.CONSULT, 3, 3, "identified", "", ""),
    ("Génération Mouvement – fédération départementale", Cat.ASSOCIATIONS, [ELD], ALL, Lv.INFORM, 2, 3, "identified",
     "", ""),
    ("Habitat et Humanisme Drôme-des-Collines", Cat.ASSOCIATIONS, [HOU, INT], "Valence", Lv.CONSULT, 2, 3, "invited",
     "Mme Corinne Meyer", ""),
    ("Vice-présidence du Département chargée de l'autonomie", Cat.ELECTED_OFFICIALS, [ELD, DIS], ALL,
     Lv.CO_CONSTRUCT, 5, 5, "engaged", "Cabinet de la vice-présidente", ""),
    ("Association des maires de la Drôme-des-Collines", Cat.ELECTED_OFFICIALS, [ELD], ALL, Lv.INFORM, 4, 2,
     "invited", "M. Denis Arnaud", ""),
    ("Adjointe aux solidarités de la ville de Die", Cat.ELECTED_OFFICIALS, [ELD], "Die", Lv.CONSULT, 2, 3,
     "declined", "Mme Sophie Chevalier", ""),
]  # fmt: skip
PERSONS = [
    ("M. André Chabert, usager d'un service d'aide à domicile", Cat.SERVICE_USERS, [ELD], "Die", Lv.CONSULT, 1, 4,
     "identified", "M. André Chabert", "Rencontré lors de la réunion publique de Die ; souhaite témoigner."),
]  # fmt: skip


def _email(name: str) -> str:
    return f"contact.{normalize(name)[:24]}@exemple.fr"


def load(context):
    """Create the registry, invite and engage part of it, and make the demo representative APF's."""
    organizer, process, now = context["organizer"], context["process"], context["now"]
    created = {}
    for kind, rows in ((Kind.ORGANISATION, REGISTRY), (Kind.PERSON, PERSONS)):
        for name, category, fields, territory, level, influence, interest, plan, contact, notes in rows:
            status = St.ENGAGED if plan == "engaged" else St.IDENTIFIED
            values = dict(
                name=name, kind=kind, category=category, fields=fields, territory=territory, level=level,
                influence=influence, interest=interest, status=status, notes=notes, contact_name=contact,
                contact_email=_email(name) if contact else "", contact_phone="04 75 00 00 00" if contact else "",
            )  # fmt: skip
            created[name] = (create_stakeholder(organizer, process, values=values, now=now - timedelta(days=205)), plan)
    _invite_and_answer(context, created)
    set_public_list(organizer, process, public_list=True)
    request_representation(
        context["participants"][0], process, created["Association des aidants familiaux du Royans"][0]
    )
    context["stakeholders"] = {name: stakeholder for name, (stakeholder, _plan) in created.items()}


def _invite_and_answer(context, created):
    """Invitations go out over four weeks of the identification phase; answers come a few days later."""
    organizer, process, now = context["organizer"], context["process"], context["now"]
    waves = [[], [], [], []]
    for index, (stakeholder, plan) in enumerate(
        s for s in created.values() if s[1] in ("invited", "declined", "accepted")
    ):
        waves[index % 4].append((stakeholder, plan))
    for week, wave in enumerate(waves):
        sent_at = now - timedelta(days=196 - 7 * week)
        invitations = invite_stakeholders(organizer, process, [s for s, _p in wave], now=sent_at).invited
        for invitation, (_stakeholder, plan) in zip(invitations, wave, strict=True):
            answered_at = sent_at + timedelta(days=3 + week)
            if plan == "declined":
                decline_invitation(invitation.token, now=answered_at)
            elif plan == "accepted":
                accept_invitation(context["representative"], invitation.token, now=answered_at)
