"""claims of background work: outbox mail and report PDF builds leased to one worker

Revision ID: b3c1d2e4f5a6
Revises: c3e1a5b7d902
Create Date: 2026-12-03 14:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import consult.db  # noqa: F401 - custom column types


# revision identifiers, used by Alembic.
revision = 'b3c1d2e4f5a6'
down_revision = 'c3e1a5b7d902'
branch_labels = None
depends_on = None

TABLES = ('outbox_mails', 'report_revisions')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=True))
            batch_op.add_column(sa.Column('claimed_until', consult.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('claimed_until')
            batch_op.drop_column('claimed_by')
