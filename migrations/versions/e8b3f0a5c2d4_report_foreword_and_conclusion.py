"""closing report: an editorial foreword and a conclusion written by the organizers

Revision ID: e8b3f0a5c2d4
Revises: d7a2e9c4b1f3
Create Date: 2026-12-03 15:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e8b3f0a5c2d4'
down_revision = 'd7a2e9c4b1f3'
branch_labels = None
depends_on = None

COLUMNS = ("foreword_md", "foreword_html", "conclusion_md", "conclusion_html")


def upgrade():
    """Add the two texts, empty."""
    with op.batch_alter_table("closing_reports") as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade():
    """Drop the two texts."""
    with op.batch_alter_table("closing_reports") as batch_op:
        for name in COLUMNS:
            batch_op.drop_column(name)
