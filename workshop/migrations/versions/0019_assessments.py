"""Pre-test and post-test (question bank, answers, closing) and anonymous evaluations

Revision ID: 0019_assessments
Revises: 0016_agenda_attendance
Create Date: 2026-12-08 01:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_assessments'
down_revision = '0018_polls'
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete):
    return sa.ForeignKeyConstraint(
        [column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'), ondelete=ondelete
    )


def upgrade():
    op.create_table(
        'quiz_question',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(length=500), nullable=False),
        sa.Column('choices', sa.JSON(), nullable=False),
        sa.Column('answer', sa.Integer(), nullable=False),
        sa.Column('explanation', sa.String(length=1000), nullable=True),
        _fk('quiz_question', 'workshop_id', 'workshop', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_question')),
    )
    with op.batch_alter_table('quiz_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_question_workshop_id'), ['workshop_id'], unique=False)
    op.create_table(
        'quiz_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=True),
        sa.Column('stage', sa.String(length=8), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('choice', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=False),
        _fk('quiz_answer', 'workshop_id', 'workshop', 'CASCADE'),
        _fk('quiz_answer', 'phase_id', 'phase', 'SET NULL'),
        _fk('quiz_answer', 'participant_id', 'participant', 'CASCADE'),
        _fk('quiz_answer', 'question_id', 'quiz_question', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_answer')),
        sa.UniqueConstraint('participant_id', 'stage', 'question_id', name=op.f('uq_quiz_answer_participant_id_stage_question_id')),
    )
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_answer_workshop_id'), ['workshop_id'], unique=False)
    op.create_table(
        'quiz_closure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('stage', sa.String(length=8), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=False),
        _fk('quiz_closure', 'workshop_id', 'workshop', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_closure')),
        sa.UniqueConstraint('workshop_id', 'stage', name=op.f('uq_quiz_closure_workshop_id_stage')),
    )
    op.create_table(
        'evaluation_form',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('scale', sa.Integer(), nullable=False),
        sa.Column('speakers', sa.JSON(), nullable=False),
        sa.Column('organisation', sa.Boolean(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        _fk('evaluation_form', 'workshop_id', 'workshop', 'CASCADE'),
        _fk('evaluation_form', 'phase_id', 'phase', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_form')),
        sa.UniqueConstraint('phase_id', name=op.f('uq_evaluation_form_phase_id')),
    )
    op.create_table(
        'evaluation_response',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('target', sa.String(length=20), nullable=False),
        sa.Column('scores', sa.JSON(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        _fk('evaluation_response', 'workshop_id', 'workshop', 'CASCADE'),
        _fk('evaluation_response', 'phase_id', 'phase', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_response')),
    )
    with op.batch_alter_table('evaluation_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_response_phase_id'), ['phase_id'], unique=False)
    op.create_table(
        'evaluation_receipt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=64), nullable=False),
        _fk('evaluation_receipt', 'workshop_id', 'workshop', 'CASCADE'),
        _fk('evaluation_receipt', 'phase_id', 'phase', 'CASCADE'),
        _fk('evaluation_receipt', 'participant_id', 'participant', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_receipt')),
        sa.UniqueConstraint('phase_id', 'participant_id', name=op.f('uq_evaluation_receipt_phase_id_participant_id')),
    )


def downgrade():
    op.drop_table('evaluation_receipt')
    with op.batch_alter_table('evaluation_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_response_phase_id'))
    op.drop_table('evaluation_response')
    op.drop_table('evaluation_form')
    op.drop_table('quiz_closure')
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_answer_workshop_id'))
    op.drop_table('quiz_answer')
    with op.batch_alter_table('quiz_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_question_workshop_id'))
    op.drop_table('quiz_question')
