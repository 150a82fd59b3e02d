"""Rebuild generations: how many rebuilds of a bundle's pack were asked for, and the newest one
whose pack (or whose failure) is recorded, so that its status says complete only once the last
rebuild asked for has finished.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bundles", sa.Column("rebuilds_requested", sa.Integer, nullable=False, server_default="0"))
    op.add_column("bundles", sa.Column("rebuilds_finished", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("bundles") as batch:
        batch.drop_column("rebuilds_finished")
        batch.drop_column("rebuilds_requested")
