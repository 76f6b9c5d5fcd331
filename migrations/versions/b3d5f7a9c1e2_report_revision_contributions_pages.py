"""report revisions: frozen contributions stored by pages of 100 (a listing page reads one row); supports index

Revision ID: b3d5f7a9c1e2
Revises: a1d3f5b7c9e2
Create Date: 2026-12-03 16:50:00.000000

"""

import json

import sqlalchemy as sa
from alembic import op

import consult.db  # noqa: F401 - custom column types

# revision identifiers, used by Alembic.
revision = "b3d5f7a9c1e2"
down_revision = "a1d3f5b7c9e2"
branch_labels = None
depends_on = None

PER_PAGE = 100


def _rows(value):
    return json.loads(value) if isinstance(value, str) else (value or [])


def upgrade():
    pages = op.create_table(
        "report_revision_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["report_revisions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("revision_id", "page"),
    )
    conn = op.get_bind()
    for revision_id, value in conn.execute(sa.text("SELECT id, contributions FROM report_revisions")).all():
        rows = _rows(value)
        chunks = [rows[start : start + PER_PAGE] for start in range(0, len(rows), PER_PAGE)]
        if chunks:
            op.bulk_insert(
                pages, [{"revision_id": revision_id, "page": i + 1, "rows": chunk} for i, chunk in enumerate(chunks)]
            )
    with op.batch_alter_table("report_revisions", schema=None) as batch_op:
        batch_op.drop_column("contributions")
    op.create_index("ix_supports_report_figures", "supports", ["user_id", "contribution_id"], unique=False)
    op.create_index(
        "ix_contributions_treatment_order", "contributions", ["process_id", "created_at", "id"], unique=False
    )


def downgrade():
    op.drop_index("ix_contributions_treatment_order", table_name="contributions")
    op.drop_index("ix_supports_report_figures", table_name="supports")
    with op.batch_alter_table("report_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contributions", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
    conn = op.get_bind()
    frozen = {}
    for revision_id, value in conn.execute(
        sa.text("SELECT revision_id, rows FROM report_revision_contributions ORDER BY revision_id, page")
    ).all():
        frozen.setdefault(revision_id, []).extend(_rows(value))
    for revision_id, rows in frozen.items():
        conn.execute(
            sa.text("UPDATE report_revisions SET contributions = :rows WHERE id = :id"),
            {"rows": json.dumps(rows), "id": revision_id},
        )
    op.drop_table("report_revision_contributions")
