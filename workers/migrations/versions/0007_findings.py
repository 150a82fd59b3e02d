"""Reviewers' findings for the feedback: key messages, strengths, areas for consideration and
recommendations, each citing figures of the pack.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("council", sa.String(200), nullable=True),
        sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cites", sa.Text, nullable=False, server_default="[]"),
        sa.Column("made_by", sa.String(320), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_by", sa.String(320), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(320), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_findings_bundle_id", "findings", ["bundle_id"])


def downgrade() -> None:
    op.drop_index("ix_findings_bundle_id", "findings")
    op.drop_table("findings")
