"""Dismissed merge and cluster suggestions; the record of each merge, to undo it

Revision ID: 0006_dismissals
Revises: 0005_root_causes
Create Date: 2026-12-02 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_dismissals'
down_revision = '0005_root_causes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'dismissal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('cards', sa.String(length=400), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_dismissal_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dismissal')),
        sa.UniqueConstraint('workshop_id', 'kind', 'cards', name=op.f('uq_dismissal_workshop_id_kind_cards')),
    )
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dismissal_workshop_id'), ['workshop_id'], unique=False)
    op.create_table(
        'merge_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('source_status', sa.String(length=12), nullable=False),
        sa.Column('moved_votes', sa.JSON(), nullable=False),
        sa.Column('dropped_votes', sa.JSON(), nullable=False),
        sa.Column('children', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('undone_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_merge_record_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['source_id'], ['card.id'], name=op.f('fk_merge_record_source_id_card'),
        ),
        sa.ForeignKeyConstraint(
            ['target_id'], ['card.id'], name=op.f('fk_merge_record_target_id_card'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_record')),
    )
    with op.batch_alter_table('merge_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_merge_record_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_merge_record_workshop_id'), ['workshop_id'], unique=False)


def downgrade():
    with op.batch_alter_table('merge_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_merge_record_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_merge_record_source_id'))
    op.drop_table('merge_record')
    with op.batch_alter_table('dismissal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dismissal_workshop_id'))
    op.drop_table('dismissal')
