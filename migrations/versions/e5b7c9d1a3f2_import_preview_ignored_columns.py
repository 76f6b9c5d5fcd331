"""import previews keep the columns of the file that will not be imported

Revision ID: e5b7c9d1a3f2
Revises: e8b3f0a5c2d4
Create Date: 2026-12-03 15:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5b7c9d1a3f2'
down_revision = 'e8b3f0a5c2d4'
branch_labels = None
depends_on = None


def upgrade():
    """Add ``ignored_columns`` (a JSON list, empty for previews made before)."""
    with op.batch_alter_table("stakeholder_import_previews") as batch:
        batch.add_column(sa.Column("ignored_columns", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    """Drop ``ignored_columns``."""
    with op.batch_alter_table("stakeholder_import_previews") as batch:
        batch.drop_column("ignored_columns")
