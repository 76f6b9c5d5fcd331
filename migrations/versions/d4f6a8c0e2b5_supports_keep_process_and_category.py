"""supports keep their process and the supporter's category (as positions do), backfilled

Revision ID: d4f6a8c0e2b5
Revises: a16c0b7e9d21
Create Date: 2026-12-03 18:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f6a8c0e2b5"
down_revision = "a16c0b7e9d21"
branch_labels = None
depends_on = None

CATEGORY = sa.Enum(
    "service_user", "family_caregiver", "professional", "association_member", "elected_official", "other",
    name="contributor_category", native_enum=False, create_constraint=True,
)


def upgrade():
    """Add both columns, fill them from the contribution and the supporter, then require the process."""
    with op.batch_alter_table("supports") as batch:
        batch.add_column(sa.Column("process_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("contributor_category", CATEGORY, nullable=True))
    # the category the supporter states today: the best known for supports given before it was kept
    op.execute(
        "UPDATE supports SET"
        " process_id = (SELECT contributions.process_id FROM contributions"
        " WHERE contributions.id = supports.contribution_id),"
        " contributor_category = (SELECT users.relation FROM users WHERE users.id = supports.user_id)"
    )
    with op.batch_alter_table("supports") as batch:
        batch.alter_column("process_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(batch.f("fk_supports_process_id_processes"), "processes",
                                 ["process_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_supports_process_category", ["process_id", "contributor_category"], unique=False)


def downgrade():
    with op.batch_alter_table("supports") as batch:
        batch.drop_index("ix_supports_process_category")
        batch.drop_constraint(batch.f("fk_supports_process_id_processes"), type_="foreignkey")
        batch.drop_constraint(batch.f("ck_supports_contributor_category"), type_="check")
        batch.drop_column("contributor_category")
        batch.drop_column("process_id")
