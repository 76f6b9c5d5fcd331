"""official responses rendered from Markdown (they were stored as escaped plain text)

Revision ID: c3e1a5b7d902
Revises: c1e2a3b4d5f6
Create Date: 2026-12-03 14:20:00

"""
import sqlalchemy as sa
from alembic import op

from consult.text import markdown_to_html

# revision identifiers, used by Alembic.
revision = 'c3e1a5b7d902'
down_revision = 'c1e2a3b4d5f6'
branch_labels = None
depends_on = None

responses = sa.table("official_responses", sa.column("id", sa.Integer), sa.column("body", sa.Text),
                     sa.column("body_html", sa.Text))  # fmt: skip


def upgrade():
    """Render every stored response again, as the service now does at save time."""
    connection = op.get_bind()
    for row_id, body in connection.execute(sa.select(responses.c.id, responses.c.body)).all():
        connection.execute(
            responses.update().where(responses.c.id == row_id).values(body_html=markdown_to_html(body or ""))
        )


def downgrade():
    """Nothing to undo: the Markdown source is kept in ``body``."""
