"""Polls and word clouds: a step's question and options, and each phone's answers

Revision ID: 0018_polls
Revises: 0017_questions
Create Date: 2026-12-08 00:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_polls'
down_revision = '0017_questions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'poll',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('question', sa.String(length=300), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('results', sa.String(length=8), nullable=False),
        sa.Column('revealed', sa.Boolean(), nullable=False),
        sa.Column('closed', sa.Boolean(), nullable=False),
        sa.Column('hidden_terms', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_poll_phase_id_phase'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_poll_workshop_id_workshop'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_poll')),
        sa.UniqueConstraint('phase_id', name=op.f('uq_poll_phase_id')),
    )
    with op.batch_alter_table('poll', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_workshop_id'), ['workshop_id'], unique=False)

    op.create_table(
        'poll_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('poll_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('slot', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('choice', sa.Integer(), nullable=True),
        sa.Column('text', sa.String(length=60), nullable=True),
        sa.Column('term', sa.String(length=60), nullable=True),
        sa.Column('held', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_poll_answer_participant_id_participant'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], name=op.f('fk_poll_answer_poll_id_poll'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_poll_answer_workshop_id_workshop'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_answer')),
        sa.UniqueConstraint('poll_id', 'participant_id', 'slot', name=op.f('uq_poll_answer_poll_id_participant_id_slot')),
        sa.UniqueConstraint('workshop_id', 'client_id', name=op.f('uq_poll_answer_workshop_id_client_id')),
    )
    with op.batch_alter_table('poll_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_answer_poll_id'), ['poll_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_poll_answer_term'), ['term'], unique=False)


def downgrade():
    op.drop_table('poll_answer')
    op.drop_table('poll')
