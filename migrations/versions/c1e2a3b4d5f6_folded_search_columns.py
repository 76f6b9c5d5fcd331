"""folded search columns: users, stakeholders and contributions, backfilled

Revision ID: c1e2a3b4d5f6
Revises: 8d8561d8af9b
Create Date: 2026-12-03 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

from consult.search import fold


# revision identifiers, used by Alembic.
revision = 'c1e2a3b4d5f6'
down_revision = '8d8561d8af9b'
branch_labels = None
depends_on = None

# table -> (folded column, source columns)
FOLDED = {
    'users': ('search_text', ('display_name', 'email')),
    'stakeholders': ('search_name', ('name',)),
    'contributions': ('search_text', ('body', 'proposed_text')),
}


def upgrade():
    for table, (column, _sources) in FOLDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.Text(), server_default='', nullable=False))
    for table, (column, sources) in FOLDED.items():
        _backfill(table, column, sources)


def _backfill(table_name, column, sources):
    """Fill the folded column of existing rows as the application's flush hook would."""
    connection = op.get_bind()
    table = sa.table(table_name, sa.column('id'), sa.column(column), *(sa.column(s) for s in sources))
    rows = connection.execute(sa.select(table.c.id, *(table.c[s] for s in sources))).all()
    for row in rows:
        folded = fold('\n'.join(value or '' for value in row[1:]))
        connection.execute(table.update().where(table.c.id == row[0]).values({column: folded}))


def downgrade():
    for table, (column, _sources) in FOLDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
