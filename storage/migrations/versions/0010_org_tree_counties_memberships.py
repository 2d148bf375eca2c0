"""org tree: counties, memberships

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 11:46:10.590922

A township's free-text `county` becomes a county row; each person's single role (on their village, or on the
township when they had none) becomes their first membership; villages gain `level` and `active`; a project's
village may be empty (a township's own project).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('county',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_county')),
    sa.UniqueConstraint('name', name=op.f('uq_county_name'))
    )
    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=True),
    sa.Column('county_id', sa.Integer(), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_membership_county_id_county'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_membership_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_membership_village_id_village'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_township_id'), ['township_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_village_id'), ['village_id'], unique=False)

    with op.batch_alter_table('township', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('aliases', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('level', sa.String(length=8), nullable=False, server_default='镇'))
        batch_op.create_index(batch_op.f('ix_township_county_id'), ['county_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_township_county_id_county'), 'county', ['county_id'], ['id'], ondelete='SET NULL')
    # PostgreSQL types a literal in a SELECT list as text; the column is json.
    empty = "CAST('[]' AS JSON)" if op.get_bind().dialect.name == "postgresql" else "'[]'"
    op.execute(f"INSERT INTO county (name, aliases, level) SELECT county, {empty}, "
               "CASE WHEN county LIKE '%区' THEN '区' WHEN county LIKE '%市' THEN '市' ELSE '县' END "
               "FROM (SELECT DISTINCT county FROM township WHERE county IS NOT NULL AND county <> '') AS labels")
    op.execute("UPDATE township SET county_id = (SELECT county.id FROM county WHERE county.name = township.county)")
    with op.batch_alter_table('township', schema=None) as batch_op:
        batch_op.drop_column('county')

    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.String(length=8), nullable=False, server_default='村'))
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    # The level is in the name offices give a unit (枫林社区, 东城街道); a roster import can correct it.
    op.execute("UPDATE village SET level = '社区' WHERE name LIKE '%社区'")
    op.execute("UPDATE township SET level = CASE WHEN name LIKE '%街道' THEN '街道' WHEN name LIKE '%乡' THEN '乡' "
               "ELSE '镇' END")

    # Everyone's one role becomes their first membership: on their village, else on their township.
    op.execute("INSERT INTO membership (person_id, role, title, township_id, village_id) "
               "SELECT id, role, title, CASE WHEN village_id IS NULL THEN township_id END, village_id "
               "FROM person ORDER BY id")
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('current_township_id', sa.Integer(), nullable=True))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_person_county_id'), ['county_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_person_county_id_name'), ['county_id', 'name'])
        batch_op.drop_constraint(batch_op.f('fk_person_village_id_village'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_person_current_township_id_township'), 'township', ['current_township_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_person_county_id_county'), 'county', ['county_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_column('role')
        batch_op.drop_column('village_id')
        batch_op.drop_column('title')

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.alter_column('village_id',
               existing_type=sa.INTEGER(),
               nullable=True)


def _drop(table: str, where: str) -> None:
    """Delete `table`'s rows matching `where` and what refers to them, as the foreign keys' ON DELETE would
    (migrations run with SQLite's foreign keys off, so it is done here): nullable references are cleared."""
    inspector = sa.inspect(op.get_bind())
    doomed = f"SELECT id FROM {table} WHERE {where}"
    for other in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(other):
            if fk["referred_table"] != table or other == table:
                continue
            column = fk["constrained_columns"][0]
            nullable = next(c["nullable"] for c in inspector.get_columns(other) if c["name"] == column)
            if nullable:
                op.execute(f"UPDATE {other} SET {column} = NULL WHERE {column} IN ({doomed})")
            else:
                _drop(other, f"{column} IN ({doomed})")
    op.execute(f"DELETE FROM {table} WHERE {where}")


def downgrade() -> None:
    # What the old schema cannot hold goes: township projects, county people, memberships beyond the first.
    _drop("project", "village_id IS NULL")
    _drop("person", "township_id IS NULL")
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_column('active')
        batch_op.drop_column('level')

    with op.batch_alter_table('township', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county', sa.VARCHAR(length=64), nullable=True))
    op.execute("UPDATE township SET county = (SELECT county.name FROM county WHERE county.id = township.county_id)")
    with op.batch_alter_table('township', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_township_county_id_county'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_township_county_id'))
        batch_op.drop_column('level')
        batch_op.drop_column('aliases')
        batch_op.drop_column('county_id')

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.alter_column('village_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.VARCHAR(length=64), nullable=True))
        batch_op.add_column(sa.Column('village_id', sa.INTEGER(), nullable=True))
        batch_op.add_column(sa.Column('role', sa.VARCHAR(length=32), nullable=True))
    first = "(SELECT {col} FROM membership WHERE membership.person_id = person.id ORDER BY membership.id LIMIT 1)"
    for col in ("role", "title", "village_id"):
        op.execute(f"UPDATE person SET {col} = {first.format(col=col)}")
    # Someone left with no post keeps no power: the least role, and off the roster.
    op.execute("UPDATE person SET role = 'grid_worker', active = false WHERE role IS NULL")
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=sa.VARCHAR(length=32), nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_person_county_id_county'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_person_current_township_id_township'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_person_village_id_village'), 'village', ['village_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint(batch_op.f('uq_person_county_id_name'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_person_county_id'))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('current_township_id')
        batch_op.drop_column('county_id')

    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_village_id'))
        batch_op.drop_index(batch_op.f('ix_membership_township_id'))
        batch_op.drop_index(batch_op.f('ix_membership_person_id'))
        batch_op.drop_index(batch_op.f('ix_membership_county_id'))

    op.drop_table('membership')
    op.drop_table('county')
