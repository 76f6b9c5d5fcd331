"""synthesis runs: full recompute asked, new contributions of an incremental run

Revision ID: a16c0b7e9d21
Revises: c7e9a1b3d5f8
Create Date: 2026-12-03 17:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16c0b7e9d21'
down_revision = "c7e9a1b3d5f8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('synthesis_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('new_count', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('synthesis_runs', schema=None) as batch_op:
        batch_op.drop_column('new_count')
        batch_op.drop_column('full')
