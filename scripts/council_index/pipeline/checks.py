"""Value checks on landed raw tables, declared per table in the registry (``checks:``).

The loader lands every row as published; these checks only *report*. A row with a problem stays in
its raw table (nothing is dropped or changed) and gets one line in ``raw.quarantine`` (dataset, raw
table, source file, sheet, row, column, value, problem); the file's ``raw.load_log`` line turns
``loaded_with_warnings`` and counts the problems. Staging models read the raw tables as before, and
``raw.quarantine`` tells which rows to distrust. Registry keys (all optional)::

    checks:
      authority_code: ons_code      # the column holding GSS codes (E06000001 ...)
      known_codes: true             # this table *defines* the known codes (population, lookup)
      key_columns: [year]           # with authority_code: a repeated (code, keys) row is a duplicate
      counts: [incidents]           # numbers that cannot be negative
      numbers: [value]              # numbers: text other than a suppression marker is a problem
      percentages: [recycled_pct]   # 0-100 shares: values over 100, and fractions (every value
                                    #   of a year or file <= 1) when other years are 0-100
      period_column: year           # groups percentages by year (default: by file and sheet)

Problems found:
- ``unknown authority code``: a value shaped like a code (a letter then digits) that no
  ``known_codes`` table of the same load holds (skipped, and said so, when none has rows). Only
  codes of the entity types those tables list are judged (the first three characters, ``E06``,
  ``E10`` ...): finance and waste files also carry fire (E31), police (E23), national park (E26)
  and waste disposal (E50) authorities, which are not councils and are not problems;
- ``duplicate authority row``: the same code and key values again in the same file and sheet, the
  row an exact copy of the first (the first row is kept clean, the repeats are listed with the row
  they repeat); only cells shaped like a code count, so repeated total or note rows ("Total",
  "*Total", "---") are not duplicates;
- ``ambiguous authority row``: the same code and key values again in the same file and sheet with
  different values (e.g. a file that gives two measures one name): no row of the group can be told
  from the others, so every row of it is listed, the first too. The file's load_log line names the
  key values and the codes concerned;
- ``text in numeric column``: neither a number nor a known suppression marker;
- ``negative count``;
- ``percentage above 100`` and ``percentages given as fractions`` (one line per year or file).
"""

from __future__ import annotations

from dataclasses import dataclass

# The suppression markers of macros/cleaning/parse_number.sql (a test keeps the two lists equal).
SUPPRESSION_MARKERS = (
    "x",
    "c",
    "z",
    "k",
    "u",
    "low",
    ":",
    "..",
    "...",
    "-",
    "--",
    "[c]",
    "[x]",
    "[z]",
    "[u]",
    "*",
    "~",
    "n/a",
    "na",
    "#name?",
    "",
)

CHECK_KEYS = {"authority_code", "known_codes", "key_columns", "counts", "numbers", "percentages", "period_column"}

QUARANTINE_DDL = (
    "create table raw.quarantine (dataset varchar, raw_table varchar, source_file varchar, sheet varchar, "
    "row_number integer, column_name varchar, value varchar, problem varchar)"
)


@dataclass(frozen=True)
class Checks:
    authority_code: str | None = None
    known_codes: bool = False
    key_columns: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    percentages: tuple[str, ...] = ()
    period_column: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the checks read (each must be declared in the table's ``columns``)."""
        named = (
            self.authority_code,
            self.period_column,
            *self.key_columns,
            *self.counts,
            *self.numbers,
            *self.percentages,
        )
        return tuple(dict.fromkeys(c for c in named if c))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def number_sql(column: str) -> str:
    """The number in a text cell, as parse_number reads it (separators, £ and % stripped), or null."""
    cleaned = f"replace(replace(replace(replace(trim({column}), ',', ''), '£', ''), '%', ''), ' ', '')"
    return f"try_cast({cleaned} as double)"


def _is_marker(column: str) -> str:
    markers = ", ".join("'" + m.replace("'", "''") + "'" for m in SUPPRESSION_MARKERS)
    return f"(lower(trim({column})) in ({markers}))"


def _code(column: str) -> str:
    return f"upper(trim({column}))"


def _is_code(column: str) -> str:
    """The cell is shaped like an authority code (a letter then digits): total and note rows are not."""
    return f"regexp_full_match({_code(column)}, '[A-Z][0-9]+')"


def _insert(con, table, select_sql: str) -> None:
    con.execute(
        f"insert into raw.quarantine select '{table.dataset_id}', '{table.raw_table}', _source_file, _sheet, "
        f"_row_number, column_name, value, problem from ({select_sql})"
    )


def _has_rows(con, table) -> bool:
    return con.execute(f"select exists (select 1 from raw.{_q(table.raw_table)})").fetchone()[0]


def run_checks(con, tables, progress) -> None:
    """Create ``raw.quarantine`` and fill it from every landed table that declares checks."""
    con.execute(QUARANTINE_DDL)
    # Notes for load_log lines (ambiguous rows: key values and codes), read by summarise().
    con.execute("create or replace temp table quarantine_notes (raw_table varchar, source_file varchar, note varchar)")
    # A table with no rows (its dataset not in this raw folder) cannot fail a check: left out, which saves a load of
    # a few datasets about a second of queries.
    checked = [t for t in tables if t.checks is not None and _has_rows(con, t)]
    known = [t for t in checked if t.checks.known_codes and t.checks.authority_code]
    # Blank codes are left out: one null in a `not in (...)` list makes the test null for every row.
    known_sql = " union ".join(
        f"select {_code(_q(t.checks.authority_code))} as code from raw.{_q(t.raw_table)} "
        f"where nullif(trim({_q(t.checks.authority_code)}), '') is not null"
        for t in known
    )
    has_known = bool(known_sql)
    if has_known:
        con.execute(f"create temp table known_codes as select distinct code from ({known_sql})")
        has_known = con.execute("select count(*) from known_codes").fetchone()[0] > 0
    for table in checked:
        checks, name = table.checks, f"raw.{_q(table.raw_table)}"
        code = checks.authority_code and _q(checks.authority_code)
        if code and has_known and not checks.known_codes:
            _insert(
                con,
                table,
                f"""
                select _source_file, _sheet, _row_number, '{checks.authority_code}' as column_name,
                       {code} as value, 'unknown authority code' as problem
                from {name}
                where {_is_code(code)}
                  and {_code(code)} not in (select code from known_codes)
                  and left({_code(code)}, 3) in (select distinct left(code, 3) from known_codes)""",
            )
        elif code and not checks.known_codes:
            progress(f"  ! {table.raw_table}: no known-codes table landed; authority codes not checked")
        if code:
            _repeated_rows(con, table, name, code)
        for column in dict.fromkeys((*checks.numbers, *checks.counts, *checks.percentages)):
            c = _q(column)
            _insert(
                con,
                table,
                f"""
                select _source_file, _sheet, _row_number, '{column}' as column_name, {c} as value,
                       'text in numeric column' as problem
                from {name}
                where {c} is not null and not {_is_marker(c)} and {number_sql(c)} is null""",
            )
        for column in checks.counts:
            c = _q(column)
            _insert(
                con,
                table,
                f"""
                select _source_file, _sheet, _row_number, '{column}' as column_name, {c} as value,
                       'negative count' as problem
                from {name} where {number_sql(c)} < 0""",
            )
        for column in checks.percentages:
            c = _q(column)
            group = (
                f"'year ' || trim({_q(checks.period_column)})"
                if checks.period_column
                else "_source_file || coalesce(' sheet ' || _sheet, '')"
            )
            _insert(
                con,
                table,
                f"""
                select _source_file, _sheet, _row_number, '{column}' as column_name, {c} as value,
                       'percentage above 100' as problem
                from {name} where {number_sql(c)} > 100""",
            )
            _insert(
                con,
                table,
                f"""
                with groups as (
                    select {group} as grp, max({number_sql(c)}) as top, min(_source_file) as _source_file,
                           min(_sheet) as _sheet, min(_row_number) as _row_number
                    from {name} where {number_sql(c)} is not null group by 1
                )
                select _source_file, _sheet, _row_number, '{column}' as column_name,
                       'max ' || cast(top as varchar) as value,
                       'percentages given as fractions (every value of ' || grp || ' <= 1) '
                       || 'while other years or files are 0-100' as problem
                from groups
                where top <= 1 and exists (select 1 from groups as g where g.top > 1)""",
            )

    con.execute("drop table if exists known_codes")


SHOWN_CODES = 10  # a load_log line names at most this many codes (then "... and N more")


def _repeated_rows(con, table, name: str, code: str) -> None:
    """Rows repeating an authority code and the key columns in one file and sheet: exact copies of
    the first row are ``duplicate authority row`` (the first is kept clean); a group whose rows
    differ is ``ambiguous authority row`` (every row of it, the first too). For ambiguous groups a
    note per file (the key values and the codes) is kept for the file's load_log line."""
    checks = table.checks
    data_columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "and column_name not like '\\_%' escape '\\' order by ordinal_position",
            [table.raw_table],
        ).fetchall()
    ]
    keys = [f"trim({_q(k)})" for k in checks.key_columns]
    key_names = [f"k{i}" for i in range(len(keys))]
    selected = "".join(f", {expr} as {alias}" for expr, alias in zip(keys, key_names))
    content = "row(" + ", ".join(f"source.{_q(c)}" for c in data_columns) + ")"
    group_by = ", ".join(["_source_file", "_sheet", "code", *key_names])

    def same(a: str, b: str) -> str:
        return " and ".join(
            [f"{a}._source_file = {b}._source_file"]
            + [f"{a}.{c} is not distinct from {b}.{c}" for c in ["_sheet", "code", *key_names]]
        )

    keyed_groups, contents_versions = same("keyed", "groups"), same("contents", "versions")
    named = ", ".join([checks.authority_code, *checks.key_columns])
    # Repeated keys first (cheap); the rows' contents are compared only within those groups.
    con.execute(f"""
        create or replace temp table repeated_rows as
        with keyed as (
            select _source_file, _sheet, _row_number, {code} as value, {_code(code)} as code{selected}
            from {name}
            where {_is_code(code)}
        ),
        groups as (
            select {group_by}, min(_row_number) as first_row,
                   string_agg(cast(_row_number as varchar), ', ' order by _row_number) as row_list
            from keyed
            group by {group_by}
            having count(*) > 1
        ),
        grouped as (
            select keyed.*, groups.first_row, groups.row_list
            from keyed
            inner join groups
                on {keyed_groups}
        ),
        contents as (
            select grouped.*, {content} as content
            from grouped
            inner join {name} as source
                on source._source_file = grouped._source_file and source._sheet is not distinct from grouped._sheet
                and source._row_number = grouped._row_number
        ),
        versions as (
            select {group_by}, count(distinct content) as versions from contents group by {group_by}
        )
        select contents.* exclude (content), versions.versions
        from contents
        inner join versions
            on {contents_versions}""")
    _insert(
        con,
        table,
        f"""
        select _source_file, _sheet, _row_number, '{checks.authority_code}' as column_name, value,
               case when versions > 1
                    then 'ambiguous authority row (same {named} in rows ' || row_list || ', with different values)'
                    else 'duplicate authority row (same {named} as row ' || first_row || ')'
               end as problem
        from repeated_rows
        where versions > 1 or _row_number <> first_row""",
    )
    for (source_file,) in con.execute(
        "select distinct _source_file from repeated_rows where versions > 1 order by 1"
    ).fetchall():
        parts = []
        for column, alias in zip(checks.key_columns, key_names):
            values = [
                r[0]
                for r in con.execute(
                    f"select distinct {alias} from repeated_rows where versions > 1 and _source_file = ? order by 1",
                    [source_file],
                ).fetchall()
            ]
            parts.append(f"{column} {_shorten(values)}")
        codes = [
            r[0]
            for r in con.execute(
                "select distinct code from repeated_rows where versions > 1 and _source_file = ? order by 1",
                [source_file],
            ).fetchall()
        ]
        note = f"{'; '.join(parts)}; {len(codes)} code(s) {_shorten(codes, SHOWN_CODES)}"
        con.execute("insert into quarantine_notes values (?, ?, ?)", [table.raw_table, source_file, note])
    con.execute("drop table repeated_rows")


def _shorten(items, limit: int = 20) -> str:
    """A short quoted list for a message (the convention of pipeline/readers.py: shorten)."""
    from .readers import shorten

    return shorten(items, limit)


def summarise(con) -> dict[tuple[str, str], str]:
    """(raw table, source file) -> 'quarantine: 2 unknown authority code, 1 negative count'; ambiguous
    rows add the key values and codes concerned (``... 4 ambiguous authority row (year ['2020'], ...;
    2 code(s) ['E06000001', 'E06000002'])``)."""
    found = con.execute(
        "select raw_table, source_file, regexp_replace(problem, ' \\(.*', '') as kind, count(*) "
        "from raw.quarantine group by all order by 1, 2, 3"
    ).fetchall()
    notes: dict[tuple[str, str], str] = {}
    if con.execute(
        "select count(*) from duckdb_tables() where table_name = 'quarantine_notes' and temporary"
    ).fetchone()[0]:
        notes = {(t, f): n for t, f, n in con.execute("select * from quarantine_notes").fetchall()}
    summary: dict[tuple[str, str], list[str]] = {}
    for raw_table, source_file, kind, count in found:
        note = notes.get((raw_table, source_file)) if kind == "ambiguous authority row" else None
        summary.setdefault((raw_table, source_file), []).append(f"{count} {kind}" + (f" ({note})" if note else ""))
    return {key: "quarantine: " + ", ".join(parts) for key, parts in summary.items()}
