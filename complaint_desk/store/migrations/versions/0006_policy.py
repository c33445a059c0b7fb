"""policy, publication, indicator targets, KPI cascade, root causes, corrective actions

Revision ID: 0006_policy
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_policy'
down_revision = '0005_aar'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('policy_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('document_sha256', sa.String(length=64), nullable=True),
    sa.Column('document_filename', sa.String(length=300), nullable=True),
    sa.Column('document_size', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_versions')),
    sa.UniqueConstraint('version', name=op.f('uq_policy_versions_version'))
    )
    with op.batch_alter_table('policy_versions', schema=None) as batch_op:
        batch_op.create_index('ix_policy_versions_approved', ['approved_on'], unique=False)

    op.create_table('policy_elements',
    sa.Column('policy_version_id', sa.Integer(), nullable=False),
    sa.Column('element', sa.String(length=40), nullable=False),
    sa.Column('section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['policy_version_id'], ['policy_versions.id'], name=op.f('fk_policy_elements_policy_version_id_policy_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('policy_version_id', 'element', name=op.f('pk_policy_elements'))
    )
    op.create_table('policy_publications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_version_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=24), nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_code'], ['offices.code'], name=op.f('fk_policy_publications_office_code_offices')),
    sa.ForeignKeyConstraint(['policy_version_id'], ['policy_versions.id'], name=op.f('fk_policy_publications_policy_version_id_policy_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_publications'))
    )
    with op.batch_alter_table('policy_publications', schema=None) as batch_op:
        batch_op.create_index('ix_policy_publications_planned', ['planned_on'], unique=False)

    op.create_table('indicator_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['level'], ['levels.number'], name=op.f('fk_indicator_targets_level_levels')),
    sa.ForeignKeyConstraint(['office_code'], ['offices.code'], name=op.f('fk_indicator_targets_office_code_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_targets')),
    sa.UniqueConstraint('indicator', 'year', 'office_code', 'level', name=op.f('uq_indicator_targets_indicator_year_office_code_level'))
    )
    op.create_table('kpi_cascades',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=16), nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=True),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('target_text', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_code'], ['offices.code'], name=op.f('fk_kpi_cascades_office_code_offices')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kpi_cascades_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_cascades'))
    )
    with op.batch_alter_table('kpi_cascades', schema=None) as batch_op:
        batch_op.create_index('ix_kpi_cascades_year', ['year', 'office_code'], unique=False)

    op.create_table('root_causes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_root_causes')),
    sa.UniqueConstraint('name', name=op.f('uq_root_causes_name'))
    )
    op.create_table('corrective_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('root_cause_id', sa.Integer(), nullable=True),
    sa.Column('office_code', sa.String(length=16), nullable=True),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['office_code'], ['offices.code'], name=op.f('fk_corrective_actions_office_code_offices')),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_corrective_actions_owner_user_id_users')),
    sa.ForeignKeyConstraint(['root_cause_id'], ['root_causes.id'], name=op.f('fk_corrective_actions_root_cause_id_root_causes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrective_actions'))
    )
    with op.batch_alter_table('corrective_actions', schema=None) as batch_op:
        batch_op.create_index('ix_corrective_actions_status_due', ['status', 'due_on'], unique=False)

    op.create_table('corrective_action_complaints',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['corrective_actions.id'], name=op.f('fk_corrective_action_complaints_action_id_corrective_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_corrective_action_complaints_complaint_id_complaints')),
    sa.PrimaryKeyConstraint('action_id', 'complaint_id', name=op.f('pk_corrective_action_complaints'))
    )
    with op.batch_alter_table('corrective_action_complaints', schema=None) as batch_op:
        batch_op.create_index('ix_corrective_action_complaints_complaint', ['complaint_id'], unique=False)

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index('ix_complaints_root_cause', ['root_cause', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_root_cause')
    op.drop_table('corrective_action_complaints')
    op.drop_table('corrective_actions')
    op.drop_table('root_causes')
    op.drop_table('kpi_cascades')
    op.drop_table('indicator_targets')
    op.drop_table('policy_publications')
    op.drop_table('policy_elements')
    op.drop_table('policy_versions')
