"""offline contributions keep their source: the letter or public meeting, with its scanned document

Revision ID: a1d3f5b7c9e2
Revises: f6c8d0e2b4a7
Create Date: 2026-12-03 16:50:00

"""
import sqlalchemy as sa
from alembic import op

import consult.db

# revision identifiers, used by Alembic.
revision = 'a1d3f5b7c9e2'
down_revision = 'f6c8d0e2b4a7'
branch_labels = None
depends_on = None

CHANNELS = ("online", "public_meeting", "letter", "phone", "email", "other")


def upgrade():
    """Create ``offline_sources`` and point contributions to it."""
    op.create_table(
        "offline_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Enum(*CHANNELS, name="channel", native_enum=False, create_constraint=True,
                                     length=14), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), server_default="", nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=True),
        sa.Column("stored_name", sa.String(length=80), nullable=True),
        sa.Column("content_type", sa.String(length=120), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("submission_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", consult.db.UTCDateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["processes.id"], name=op.f("fk_offline_sources_process_id_processes"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_offline_sources_recorded_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_sources")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_offline_sources_stored_name")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_offline_sources_submission_key")),
    )
    op.create_index(op.f("ix_offline_sources_process_id"), "offline_sources", ["process_id"], unique=False)
    with op.batch_alter_table("contributions") as batch:
        batch.add_column(sa.Column("offline_source_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_contributions_offline_source_id"), ["offline_source_id"], unique=False)
        batch.create_foreign_key(batch.f("fk_contributions_offline_source_id_offline_sources"), "offline_sources",
                                 ["offline_source_id"], ["id"], ondelete="SET NULL")


def downgrade():
    """Drop the link and the table."""
    with op.batch_alter_table("contributions") as batch:
        batch.drop_constraint(batch.f("fk_contributions_offline_source_id_offline_sources"), type_="foreignkey")
        batch.drop_index(batch.f("ix_contributions_offline_source_id"))
        batch.drop_column("offline_source_id")
    op.drop_index(op.f("ix_offline_sources_process_id"), table_name="offline_sources")
    op.drop_table("offline_sources")
