"""Speakers' questions: a session per 'questions' phase, its questions and upvotes

Revision ID: 0017_questions
Revises: 0016_agenda_attendance
Create Date: 2026-12-08 00:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_questions'
down_revision = '0016_agenda_attendance'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'question',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('anonymous', sa.Boolean(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('votes', sa.Integer(), nullable=False),
        sa.Column('answered', sa.Boolean(), nullable=False),
        sa.Column('answer_note', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_question_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['phase_id'], ['phase.id'], name=op.f('fk_question_phase_id_phase'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['author_id'], ['participant.id'],
            name=op.f('fk_question_author_id_participant'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
        sa.UniqueConstraint('workshop_id', 'client_id', name=op.f('uq_question_workshop_id_client_id')),
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_phase_id'), ['phase_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_author_id'), ['author_id'], unique=False)
    op.create_table(
        'question_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('speaker', sa.String(length=120), nullable=True),
        sa.Column('topic', sa.String(length=200), nullable=True),
        sa.Column('anonymous_allowed', sa.Boolean(), nullable=False),
        sa.Column('approval_required', sa.Boolean(), nullable=False),
        sa.Column('highlighted_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_question_session_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['phase_id'], ['phase.id'],
            name=op.f('fk_question_session_phase_id_phase'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['highlighted_id'], ['question.id'],
            name=op.f('fk_question_session_highlighted_id_question'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_session')),
        sa.UniqueConstraint('phase_id', name=op.f('uq_question_session_phase_id')),
    )
    with op.batch_alter_table('question_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_session_workshop_id'), ['workshop_id'], unique=False)
    op.create_table(
        'question_vote',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_question_vote_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['question.id'],
            name=op.f('fk_question_vote_question_id_question'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_question_vote_participant_id_participant'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_vote')),
        sa.UniqueConstraint(
            'question_id', 'participant_id', name=op.f('uq_question_vote_question_id_participant_id')
        ),
    )
    with op.batch_alter_table('question_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_vote_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_vote_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_vote_participant_id'), ['participant_id'], unique=False)


def downgrade():
    op.drop_table('question_vote')
    op.drop_table('question_session')
    op.drop_table('question')
