"""Spotlight: the one card shown large on the projector

Revision ID: 0010_spotlight
Revises: 0009_proposals
Create Date: 2026-12-04 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_spotlight'
down_revision = '0009_proposals'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spotlight_card_id', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('spotlight_card_id')
