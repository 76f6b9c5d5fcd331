"""meetings keep the people who came without registering

Revision ID: f6c8d0e2b4a7
Revises: e5b7c9d1a3f2
Create Date: 2026-12-03 15:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f6c8d0e2b4a7'
down_revision = 'e5b7c9d1a3f2'
branch_labels = None
depends_on = None


def upgrade():
    """Add ``walk_ins`` (a JSON list, empty for meetings recorded before)."""
    with op.batch_alter_table("group_meetings") as batch:
        batch.add_column(sa.Column("walk_ins", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    """Drop ``walk_ins``."""
    with op.batch_alter_table("group_meetings") as batch:
        batch.drop_column("walk_ins")
