"""closing report: a setting to print the sections that received nothing

Revision ID: d7a2e9c4b1f3
Revises: 34efa7616fe6
Create Date: 2026-12-03 15:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd7a2e9c4b1f3'
down_revision = '34efa7616fe6'
branch_labels = None
depends_on = None


def upgrade():
    """Add the setting, off: empty sections are left out of the report."""
    with op.batch_alter_table("closing_reports") as batch_op:
        batch_op.add_column(
            sa.Column("include_empty_sections", sa.Boolean(), nullable=False, server_default=sa.text("false"))
        )


def downgrade():
    """Drop the setting."""
    with op.batch_alter_table("closing_reports") as batch_op:
        batch_op.drop_column("include_empty_sections")
