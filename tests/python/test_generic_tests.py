"""The project's generic dbt tests (macros/tests) run on small DuckDB tables: each must return rows
for bad data and none for good data. The `{% test %}` block is rendered with plain Jinja (the macros
use nothing dbt-specific), so no dbt run is needed."""

import re
from pathlib import Path

import duckdb
import jinja2
import pytest

MACROS = Path(__file__).resolve().parents[2] / "macros"


def render(test_name: str, **kwargs) -> str:
    source = next(MACROS.rglob(f"test_{test_name}.sql")).read_text()
    body = re.search(r"{%\s*test\s+\w+\((.*?)\)\s*%}(.*?){%\s*endtest\s*%}", source, re.S)
    template = "{% macro t(" + body.group(1) + ") %}" + body.group(2) + "{% endmacro %}"
    return jinja2.Environment().from_string(template).module.t(**kwargs)


@pytest.fixture()
def con():
    connection = duckdb.connect()
    connection.execute("""
        create table good as select * from (values (1, 'a', 2.0), (2, 'b', 3.0)) as t(id, code, amount);
        create table bad as select * from (values (1, 'a', null), (1, null, null), (2, 'b', 5.0)) as t(id, code, amount);
    """)
    yield connection
    connection.close()


def failures(con, test_name, **kwargs):
    return con.execute(render(test_name, **kwargs)).fetchall()


def test_not_null_columns_names_each_column_with_nulls_and_its_count(con):
    assert failures(con, "not_null_columns", model="good", columns=["id", "code", "amount"]) == []
    assert sorted(failures(con, "not_null_columns", model="bad", columns=["id", "code", "amount"])) == [
        ("amount", 2),
        ("code", 1),
    ]
    assert failures(con, "not_null_columns", model="bad", columns=["id"]) == []


def test_unique_combination_of_columns_returns_each_duplicated_key(con):
    assert failures(con, "unique_combination_of_columns", model="good", combination_of_columns=["id"]) == []
    assert failures(con, "unique_combination_of_columns", model="bad", combination_of_columns=["id"]) == [(1, 2)]
    assert failures(con, "unique_combination_of_columns", model="bad", combination_of_columns=["id", "code"]) == []


def test_accepted_range_returns_values_outside_the_bounds(con):
    assert failures(con, "accepted_range", model="good", column_name="amount", min_value=0, max_value=3) == []
    assert failures(con, "accepted_range", model="bad", column_name="amount", min_value=0, max_value=3) == [(5.0,)]
    assert failures(con, "accepted_range", model="good", column_name="amount", min_value=2, inclusive=False) == [(2.0,)]


def test_at_least_one_row_and_expression_is_true(con):
    assert failures(con, "at_least_one_row", model="good") == []
    assert failures(con, "at_least_one_row", model="(select * from good where false)") == [(0,)]
    assert failures(con, "expression_is_true", model="good", expression="amount > 0") == []
    assert len(failures(con, "expression_is_true", model="bad", expression="amount < 5")) == 1
    assert failures(con, "expression_is_true", model="bad", expression="amount < 5", where_clause="id = 1") == []
