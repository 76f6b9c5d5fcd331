"""Demo accounts, one per role."""

from consult.admin.services import bootstrap_admin
from consult.auth.models import Relation
from consult.auth.services import create_confirmed_user

DEMO_ACCOUNTS = [
    ("admin@demo.concertation.fr", "administrateur"),
    ("organisatrice@demo.concertation.fr", "organisatrice (Département)"),
    ("camille.participante@demo.concertation.fr", "participante (aidante)"),
    ("jean.participant@demo.concertation.fr", "participant (usager)"),
    ("representante@demo.concertation.fr", "représentante d'association"),
]


def load(context):
    """Create the demo accounts and put them in the context by role."""
    password = context["password"]
    context["admin"] = bootstrap_admin(DEMO_ACCOUNTS[0][0], "Admin Plateforme", password)
    context["organizer"] = create_confirmed_user(
        DEMO_ACCOUNTS[1][0],
        "Sophie Martin (Département)",
        password,
        relation=Relation.PROFESSIONAL,
        territory="Valence",
    )
    context["participants"] = [
        create_confirmed_user(
            DEMO_ACCOUNTS[2][0], "Camille D.", password, relation=Relation.FAMILY_CAREGIVER, territory="Montélimar"
        ),
        create_confirmed_user(
            DEMO_ACCOUNTS[3][0], "Jean P.", password, relation=Relation.SERVICE_USER, territory="Romans-sur-Isère"
        ),
    ]
    context["representative"] = create_confirmed_user(
        DEMO_ACCOUNTS[4][0],
        "Nadia B. (APF France handicap)",
        password,
        relation=Relation.ASSOCIATION_MEMBER,
        territory="Valence",
    )
