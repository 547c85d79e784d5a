"""A participant's support ("+1") of a card already on the board, instead of a duplicate

Revision ID: 0015_card_support
Revises: 0014_iid_profile
Create Date: 2026-12-08 00:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_card_support'
down_revision = '0014_iid_profile'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'card_support',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_card_support_card_id_card'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_card_support_participant_id_participant')),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_card_support_workshop_id_workshop'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_card_support')),
        sa.UniqueConstraint('card_id', 'participant_id', name=op.f('uq_card_support_card_id_participant_id')),
    )
    with op.batch_alter_table('card_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_support_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_support_workshop_id'), ['workshop_id'], unique=False)
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supports', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_column('supports')
    with op.batch_alter_table('card_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_support_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_card_support_card_id'))
    op.drop_table('card_support')
