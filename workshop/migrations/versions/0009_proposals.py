"""KIPP proposal workspace: proposals, their sections, every revision of a section

Revision ID: 0009_proposals
Revises: 0008_follow_up
Create Date: 2026-12-02 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_proposals'
down_revision = '0008_follow_up'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'proposal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('sector_id', sa.Integer(), nullable=False),
        sa.Column('solution_id', sa.Integer(), nullable=False),
        sa.Column('bottleneck_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('rubric', sa.String(length=40), nullable=False),
        sa.Column('checklist', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_proposal_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], name=op.f('fk_proposal_sector_id_sector')),
        sa.ForeignKeyConstraint(['solution_id'], ['card.id'], name=op.f('fk_proposal_solution_id_card')),
        sa.ForeignKeyConstraint(['bottleneck_id'], ['card.id'], name=op.f('fk_proposal_bottleneck_id_card')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal')),
        sa.UniqueConstraint('workshop_id', 'solution_id', name=op.f('uq_proposal_workshop_id_solution_id')),
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_workshop_id'), ['workshop_id'], unique=False)
    op.create_table(
        'proposal_section',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('score', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['proposal_id'], ['proposal.id'],
            name=op.f('fk_proposal_section_proposal_id_proposal'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_section')),
        sa.UniqueConstraint('proposal_id', 'key', name=op.f('uq_proposal_section_proposal_id_key')),
    )
    op.create_table(
        'proposal_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('section_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('base_version', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=10), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.Column('by_staff', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['section_id'], ['proposal_section.id'],
            name=op.f('fk_proposal_revision_section_id_proposal_section'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_proposal_revision_participant_id_participant'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_revision')),
    )
    with op.batch_alter_table('proposal_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_revision_section_id'), ['section_id'], unique=False)


def downgrade():
    with op.batch_alter_table('proposal_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_revision_section_id'))
    op.drop_table('proposal_revision')
    op.drop_table('proposal_section')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_workshop_id'))
    op.drop_table('proposal')
