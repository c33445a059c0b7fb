"""the AAR record (after action review): draft/final, free text, the printed form kept

Revision ID: 0005_aar
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_aar'
down_revision = '0004_trust'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('aar_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('finalised_at', sa.DateTime(), nullable=True),
    sa.Column('finalised_by', sa.String(length=64), nullable=True),
    sa.Column('final_content', sa.Text(), nullable=True),
    sa.Column('final_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('final_sha256', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['office_code'], ['offices.code'], name=op.f('fk_aar_records_office_code_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aar_records')),
    sa.UniqueConstraint('office_code', 'year', name=op.f('uq_aar_records_office_code_year'))
    )


def downgrade() -> None:
    op.drop_table('aar_records')
