"""sections count the action sheets' links to them (fed or changed), backfilled

Revision ID: e7a9c1d3f5b8
Revises: d4f6a8c0e2b5
Create Date: 2026-12-04 06:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e7a9c1d3f5b8"
down_revision = "d4f6a8c0e2b5"
branch_labels = None
depends_on = None


def upgrade():
    """Add the counter, then count the links that already exist."""
    with op.batch_alter_table("sections") as batch:
        batch.add_column(sa.Column("sheet_link_count", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE sections SET sheet_link_count ="
        " (SELECT count(*) FROM group_proposal_sections WHERE group_proposal_sections.section_id = sections.id)"
        " + (SELECT count(*) FROM group_proposal_changes WHERE group_proposal_changes.section_id = sections.id)"
    )


def downgrade():
    with op.batch_alter_table("sections") as batch:
        batch.drop_column("sheet_link_count")
