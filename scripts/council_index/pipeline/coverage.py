"""What a whole file holds, as data: a table's ``expects:`` (registry) names the authorities that must
appear in each period of each of its files and which periods, and the load stops when a file is short.

Registry keys of a table (``scripts/registry/<folder>.yml``)::

    expects:
      authorities: upper_tier        # a list of scripts/registry/_authority_lists.yml:
                                     #   upper_tier | districts | all_english_las
      code_column: ons_code          # the column holding GSS codes
      period_column: year            # optional: the column holding the period label ...
      period_from_file: '(\\d{4})\\.csv$'   # ... or a pattern whose group (the first that matched) is the
                                     #   period in the file name
      period: "2017-18"              # ... or the one period every file of the table holds
      period_columns: '^col_(\\d{4})$' # ... or, for a wide file (a column per period), a pattern on the
                                     #   column names whose group 1 is the period: an authority is present
                                     #   in a period when its row has a value (any non-blank text) there
      codes_are: gss_code            # optional: gss_code (default) | name (the code column holds names,
                                     #   matched through the register's names and its name lookup)
      period_type: financial_year    # financial_year ("2018-19", "201819", "2018/19", "1819", "18-19": April to March)
                                     # | year_to_march ("2019": the year to 31 March 2019)
                                     # | calendar_year ("2019": January to December)
                                     # | quarter ("201906": the quarter ending June 2019)
                                     # | month ("December 2017", "Dec_17", "2017-12")
      first_period: "2015-16"        # optional: the file must hold every period from this one to its last
      checked_from:                  # optional: periods before this one are not checked, with the reason
        period: "2009"
        reason: the third party coded only the authorities of 2009 in earlier years
      exceptions:                    # authorities a publisher leaves out, each with the reason
        - codes: [E06000053, E09000001]
          reason: Isles of Scilly and City of London are not in the publication
          periods: ["2018-19"]       # optional: only these periods (default: every period)

Which authorities a list holds in a period is read from the authority register landed in the same
load (``_authority_lists.yml`` names the raw table: the mySociety register of every UK authority,
current and past, ``la_lookup/uk_local_authorities_current.csv``; the demo writes its own register of
its fictional authorities in the same layout, so the rule is the same for both). An authority is
expected in a period when the list's types include its type and it existed throughout the period
(its start date, if any, on or before the period's first day; its end date, if any, on or after the
period's last day): an authority created or abolished during a period (BCP, Dorset and their
predecessors in the year of the 2019 change) is not demanded there. A publisher that restates a
period on other boundaries is not short either: an authority counts as present when the period holds
one of its codes (current or former, per the register's GSS lookup) or a code of an authority it
became (``replaced_by``) or that became it.

A table whose files are not a set of authorities per period (a register, a lookup, a data
dictionary) says so instead, with the reason: ``expects: {not_checked: <why>}``.

A file whose periods lack expected authorities, or that misses a period between ``first_period`` (or
its first period) and its last one, stops the load with the file, the period and the first missing
authorities named, before dbt runs; the previous warehouse is unchanged. ``ACCEPT_SHRINK=1`` (make
run) / ``--accept-shrink`` lands it anyway, recorded in ``raw.load_log``; a publisher's deliberate
omission belongs in ``exceptions`` with its reason instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from council_index import yaml_files

from .errors import LoadError, RegistryError

EXPECTS_KEYS = {
    "authorities",
    "code_column",
    "period_column",
    "period_from_file",
    "period_columns",
    "period",
    "codes_are",
    "period_type",
    "first_period",
    "checked_from",
    "exceptions",
}
EXCEPTION_KEYS = {"codes", "reason", "periods"}
PERIOD_TYPES = ("financial_year", "year_to_march", "calendar_year", "quarter", "month")
CODES_ARE = ("gss_code", "name")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
LISTS_FILE = "_authority_lists.yml"
SHOWN = 8  # missing authorities named in a message before the count of the rest


@dataclass(frozen=True)
class Exception_:
    codes: tuple[str, ...]
    reason: str
    periods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expects:
    authorities: str
    code_column: str
    period_type: str
    period_column: str | None = None
    period_from_file: str | None = None
    period_columns: str | None = None
    period: str | None = None
    codes_are: str = "gss_code"
    first_period: str | None = None
    checked_from: str | None = None
    exceptions: tuple[Exception_, ...] = ()
    not_checked: str | None = None  # why the table's files are not checked (a register, a lookup ...)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (self.code_column, self.period_column) if c)


@dataclass(frozen=True)
class AuthorityList:
    name: str
    description: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class AuthorityLists:
    """``_authority_lists.yml``: where the register is landed and which types each list holds."""

    table: str
    nation: str
    lists: dict
    exceptions: tuple[Exception_, ...] = ()
    # (register code, a code it is published under that the register does not list for it: a newer
    # code (new_codes) or an older one (former_codes))
    new_codes: tuple[tuple[str, str], ...] = ()


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, (str, int)) for v in value):
        raise RegistryError(f"{where}: '{key}' must be a non-empty list of strings")
    return tuple(str(v) for v in value)


def parse_exceptions(entries, where: str) -> tuple[Exception_, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise RegistryError(f"{where}: 'exceptions' must be a list of {{codes, reason, periods}}")
    parsed = []
    for i, item in enumerate(entries, start=1):
        here = f"{where} exception {i}"
        if not isinstance(item, dict) or set(item) - EXCEPTION_KEYS:
            raise RegistryError(f"{here}: must be a mapping of {sorted(EXCEPTION_KEYS)}")
        reason = item.get("reason")
        if not isinstance(reason, str) or len(reason.split()) < 3:
            raise RegistryError(f"{here}: 'reason' must say why the publisher leaves these authorities out")
        periods = _strings(item["periods"], here, "periods") if "periods" in item else ()
        codes = tuple(c.strip().upper() for c in _strings(item.get("codes"), here, "codes"))
        parsed.append(Exception_(codes=codes, reason=" ".join(reason.split()), periods=periods))
    return tuple(parsed)


def parse_expects(entry, columns: tuple[str, ...], where: str) -> Expects | None:
    """The ``expects:`` mapping of a registry table, validated (its columns must be declared)."""
    if entry is None:
        return None
    where = f"{where} expects"
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: must be a mapping")
    if "not_checked" in entry:
        reason = entry["not_checked"]
        if set(entry) != {"not_checked"} or not isinstance(reason, str) or len(reason.split()) < 3:
            raise RegistryError(f"{where}: 'not_checked' stands alone and says why the files are not checked")
        return Expects(authorities="", code_column="", period_type="", not_checked=" ".join(reason.split()))
    unknown = set(entry) - EXPECTS_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(EXPECTS_KEYS)})")
    for key in ("authorities", "code_column", "period_type"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise RegistryError(f"{where}: missing required key '{key}'")
    if entry["period_type"] not in PERIOD_TYPES:
        raise RegistryError(f"{where}: period_type '{entry['period_type']}' is not one of {PERIOD_TYPES}")
    if sum(key in entry for key in ("period_column", "period_from_file", "period_columns", "period")) != 1:
        raise RegistryError(
            f"{where}: give 'period_column' or 'period_from_file' or 'period_columns' or 'period' (one of them)"
        )
    if "period" in entry and period_bounds(str(entry["period"]), entry["period_type"]) is None:
        raise RegistryError(f"{where}: period '{entry['period']}' is not a {entry['period_type']} label")
    if entry.get("codes_are", "gss_code") not in CODES_ARE:
        raise RegistryError(f"{where}: codes_are '{entry['codes_are']}' is not one of {CODES_ARE}")
    for key in ("period_from_file", "period_columns"):
        if entry.get(key) is None:
            continue
        try:
            if re.compile(entry[key]).groups < 1:
                raise RegistryError(f"{where}: {key} needs a group, e.g. '(\\d{{4}})\\.csv$'")
        except re.error as exc:
            raise RegistryError(f"{where}: {key} is not a regular expression: {exc}") from exc
    pattern = entry.get("period_from_file")
    checked_from = entry.get("checked_from")
    if checked_from is not None:
        if (
            not isinstance(checked_from, dict)
            or set(checked_from) != {"period", "reason"}
            or len(str(checked_from["reason"]).split()) < 3
        ):
            raise RegistryError(f"{where}: 'checked_from' is a mapping of period and reason (why earlier ones are not)")
        if period_bounds(str(checked_from["period"]), entry["period_type"]) is None:
            raise RegistryError(
                f"{where}: checked_from period '{checked_from['period']}' is not a {entry['period_type']}"
            )
    expects = Expects(
        authorities=entry["authorities"],
        code_column=entry["code_column"],
        period_type=entry["period_type"],
        period_column=entry.get("period_column"),
        period_from_file=pattern,
        period_columns=entry.get("period_columns"),
        period=str(entry["period"]) if "period" in entry else None,
        codes_are=entry.get("codes_are", "gss_code"),
        first_period=str(entry["first_period"]) if entry.get("first_period") is not None else None,
        checked_from=str(checked_from["period"]) if checked_from else None,
        exceptions=parse_exceptions(entry.get("exceptions"), where),
    )
    undeclared = [c for c in expects.columns if c not in columns]
    if undeclared:
        raise RegistryError(f"{where}: names column(s) {undeclared} not listed in 'columns'")
    if expects.first_period is not None and period_bounds(expects.first_period, expects.period_type) is None:
        raise RegistryError(f"{where}: first_period '{expects.first_period}' is not a {expects.period_type} label")
    return expects


def load_authority_lists(directory: Path) -> AuthorityLists | None:
    """``_authority_lists.yml`` of the registry directory, or None when it has none."""
    path = Path(directory) / LISTS_FILE
    if not path.exists():
        return None
    document = yaml_files.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    if not isinstance(document, dict) or not isinstance(document.get("authority_lists"), dict):
        raise RegistryError(f"{where}: expected a mapping 'authority_lists'")
    entry = document["authority_lists"]
    unknown = set(entry) - {"table", "nation", "lists", "exceptions", "new_codes", "former_codes", "description"}
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)}")
    lists = {}
    for name, item in (entry.get("lists") or {}).items():
        if not isinstance(item, dict) or set(item) - {"types", "description"}:
            raise RegistryError(f"{where} list '{name}': must be a mapping of description and types")
        lists[name] = AuthorityList(name, str(item.get("description", "")), _strings(item.get("types"), where, "types"))
    if not lists or not isinstance(entry.get("table"), str):
        raise RegistryError(f"{where}: needs 'table' (the raw table of the register) and 'lists'")
    new_codes = []
    for i, item in enumerate(entry.get("new_codes") or [], start=1):
        if not isinstance(item, dict) or set(item) != {"code", "new_code", "reason"}:
            raise RegistryError(f"{where} new_codes {i}: must be a mapping of code, new_code and reason")
        new_codes.append((str(item["code"]).strip().upper(), str(item["new_code"]).strip().upper()))
    for i, item in enumerate(entry.get("former_codes") or [], start=1):  # old codes the register does not list
        if not isinstance(item, dict) or set(item) != {"code", "former_code", "reason"}:
            raise RegistryError(f"{where} former_codes {i}: must be a mapping of code, former_code and reason")
        new_codes.append((str(item["code"]).strip().upper(), str(item["former_code"]).strip().upper()))
    return AuthorityLists(
        table=entry["table"],
        nation=str(entry.get("nation", "England")),
        lists=lists,
        exceptions=parse_exceptions(entry.get("exceptions"), where),
        new_codes=tuple(new_codes),
    )


def period_bounds(label: str, period_type: str) -> tuple[dt.date, dt.date, int] | None:
    """First day, last day and ordinal (the year it starts in) of a period label, or None when the
    label is not one (notes and blank cells of a period column are not periods)."""
    label = (label or "").strip()
    if period_type == "month":
        return _month_bounds(label)
    if period_type == "financial_year":
        match = re.fullmatch(r"(\d{4}|\d{2})\s*[-/_]?\s*(\d{2}|\d{4})", label)
        if not match:
            return None
        start = int(match.group(1)) + (2000 if len(match.group(1)) == 2 else 0)
        if int(match.group(2)[-2:]) != (start + 1) % 100:
            return None
        return dt.date(start, 4, 1), dt.date(start + 1, 3, 31), start
    if period_type == "quarter":
        match = re.fullmatch(r"(\d{4})-?(03|06|09|12)", label)
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)
        return dt.date(year, month - 2, 1), last, year * 4 + month // 3
    match = re.fullmatch(r"(\d{4}|\d{2})", label)  # "22" in a file name (mye22final.xlsx) is 2022
    if not match:
        return None
    year = int(match.group(1)) + (2000 if len(match.group(1)) == 2 else 0)
    if period_type == "year_to_march":
        return dt.date(year - 1, 4, 1), dt.date(year, 3, 31), year
    return dt.date(year, 1, 1), dt.date(year, 12, 31), year


def _month_bounds(label: str) -> tuple[dt.date, dt.date, int] | None:
    """A month: "December 2017", "Dec_17", "Sept 16", "2017-12" or "201712"."""
    match = re.fullmatch(r"(\d{4})-?(\d{2})", label)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = re.fullmatch(r"([A-Za-z]+)[\s_-]*(\d{4}|\d{2})", label)
        if not match or match.group(1)[:3].lower() not in MONTHS:
            return None
        month = MONTHS.index(match.group(1)[:3].lower()) + 1
        year = int(match.group(2)) + (2000 if len(match.group(2)) == 2 else 0)
    if not 1 <= month <= 12:
        return None
    last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)
    return dt.date(year, month, 1), last, year * 12 + month - 1


def _label(ordinal: int, period_type: str) -> str:
    if period_type == "month":
        year, month = divmod(ordinal, 12)
        return f"{year}-{month + 1:02d}"
    if period_type == "quarter":
        year, quarter = divmod(ordinal, 4)
        return f"{year - 1}12" if quarter == 0 else f"{year}{quarter * 3:02d}"
    return f"{ordinal}-{(ordinal + 1) % 100:02d}" if period_type == "financial_year" else str(ordinal)


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    type: str
    start: dt.date | None
    end: dt.date | None
    also: frozenset  # codes that stand for it: former codes, successors' and predecessors' codes


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text).strip()[:10]) if text and str(text).strip() else None
    except ValueError:
        return None


def read_register(con, lists: AuthorityLists) -> list[Authority]:
    """The authorities of the register's nation, with the codes that stand for each."""
    found = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?",
            [lists.table],
        ).fetchall()
    }
    if not {"gss_code", "local_authority_code", "nation", "local_authority_type"} <= found:
        return []

    def optional(column: str) -> str:
        return f'"{column}"' if column in found else "null"

    rows = con.execute(
        f"""select upper(trim(gss_code)), trim(local_authority_code), {optional("nice_name")},
                   local_authority_type, {optional("start_date")}, {optional("end_date")},
                   {optional("replaced_by")}, nation
            from raw."{lists.table}" where gss_code is not null"""
    ).fetchall()
    by_short = {r[1]: r[0] for r in rows if r[1]}
    former: dict[str, set] = {}
    if "former_gss_codes" in found:
        for code, text in con.execute(
            f'select upper(trim(gss_code)), former_gss_codes from raw."{lists.table}" where former_gss_codes is not null'
        ).fetchall():
            former.setdefault(code, set()).update(c.strip().upper() for c in re.split(r"[,;\s]+", text) if c.strip())
    gss_lookup = lists.table.rsplit("__", 1)[0] + "__gss_lookup"
    if con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = ?", [gss_lookup]
    ).fetchone()[0]:
        for other, short in con.execute(
            f'select upper(trim(gss_code)), trim(local_authority_code) from raw."{gss_lookup}"'
        ).fetchall():
            if short in by_short and other and other != by_short[short]:
                former.setdefault(by_short[short], set()).add(other)
    for code, newer in lists.new_codes:  # recoded after the register was published
        former.setdefault(code, set()).add(newer)
    successors: dict[str, set] = {}
    for code, _, _, _, _, _, replaced, _ in rows:
        for short in re.split(r"[,;\s]+", replaced or ""):
            if short in by_short:
                successors.setdefault(code, set()).add(by_short[short])
                successors.setdefault(by_short[short], set()).add(code)  # its predecessor stands for it too
    authorities = []
    for code, _, name, kind, start, end, _, nation in rows:
        if (nation or "").strip() != lists.nation:
            continue
        also = set(former.get(code, ()))
        for linked in successors.get(code, ()):
            also |= {linked, *former.get(linked, ())}
        authorities.append(
            Authority(code, name or code, (kind or "").strip(), _date(start), _date(end), frozenset(also))
        )
    return authorities


class CoverageError(LoadError):
    """A file holds fewer authorities or periods than its registry entry says a whole file holds."""


def expected(register: list[Authority], types: tuple[str, ...], first: dt.date, last: dt.date) -> list[Authority]:
    """The authorities of these types that existed throughout a period."""
    return [
        a
        for a in register
        if a.type in types and (a.start is None or a.start <= first) and (a.end is None or a.end >= last)
    ]


def file_shortfalls(table, lists: AuthorityLists, register, file: str, found: dict[str, set]) -> list[str]:
    """What one file lacks: ``found`` maps each period label in it to the codes it holds there."""
    expects = table.expects
    kind = lists.lists[expects.authorities]
    periods = {}
    for label, codes in found.items():
        bounds = period_bounds(label, expects.period_type)
        if bounds is not None:
            periods.setdefault(bounds[2], (label, bounds, set()))[2].update(codes)
    problems = []
    if not periods:
        if expects.period_from_file:
            return [
                f"its name gives no {expects.period_type.replace('_', ' ')} (expects: period_from_file "
                f"{expects.period_from_file!r})"
            ]
        if expects.period_columns:
            return [f"no column named like a period ({expects.period_columns!r}) holds a value"]
        return [f"no row with a {expects.period_type.replace('_', ' ')} in column {expects.period_column}"]
    first = min(periods)
    if expects.first_period is not None:
        first = min(first, period_bounds(expects.first_period, expects.period_type)[2])
    gaps = [_label(o, expects.period_type) for o in range(first, max(periods) + 1) if o not in periods]
    if gaps:
        problems.append(
            f"{len(gaps)} period(s) missing between {_label(first, expects.period_type)} and "
            f"{periods[max(periods)][0]}: {', '.join(gaps[:SHOWN])}{' ...' if len(gaps) > SHOWN else ''}"
        )
    excepted = [*lists.exceptions, *expects.exceptions]
    from_ = period_bounds(expects.checked_from, expects.period_type)[2] if expects.checked_from else None
    for ordinal in sorted(periods):
        if from_ is not None and ordinal < from_:
            continue
        label, (start, end, _), codes = periods[ordinal]
        skip = {c for e in excepted if not e.periods or label in e.periods for c in e.codes}
        want = [a for a in expected(register, kind.types, start, end) if a.code not in skip]
        missing = sorted((a for a in want if a.code not in codes and not (a.also & codes)), key=lambda a: a.code)
        if missing:
            names = ", ".join(f"{a.code} {a.name}" for a in missing[:SHOWN])
            more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
            shown = f"{label} (the year to 31 March {end.year})" if expects.period_type == "year_to_march" else label
            problems.append(
                f"period {shown} lacks {len(missing)} of the {len(want)} {kind.name.replace('_', '-')} "
                f"authorities expected: {names}{more}"
            )
    return problems


def name_key(name) -> str:
    """A name as compared: lower case, '&' as 'and', punctuation, a note in brackets ('Bournemouth (Pre
    LG)') and a trailing 'UA', 'Council' or ', City of' dropped."""
    text = re.sub(r"\([^)]*\)", " ", str(name or "").lower().replace("&", " and "))
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"(\s+(ua|council|city of|county of))+$", "", " ".join(text.split()))


def name_codes(con, lists: AuthorityLists) -> dict[str, set]:
    """Each name of an authority (the register's names, and the names of its name lookup) with the GSS
    codes it stands for, for a file that names authorities instead of coding them (``codes_are: name``)."""
    tables = {
        r[0]
        for r in con.execute("select table_name from information_schema.tables where table_schema = 'raw'").fetchall()
    }
    found = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?",
            [lists.table],
        ).fetchall()
    }
    by_name: dict[str, set] = {}
    by_short: dict[str, str] = {}
    names = [c for c in ("nice_name", "official_name", "alt_names") if c in found]
    for row in con.execute(
        f"""select upper(trim(gss_code)), trim(local_authority_code), {", ".join(names) or "null"}
            from raw."{lists.table}" where gss_code is not null"""
    ).fetchall():
        by_short[row[1]] = row[0]
        for text in row[2:]:
            for name in re.split(r";|\|", text or ""):
                if name_key(name):
                    by_name.setdefault(name_key(name), set()).add(row[0])
    lookup = lists.table.rsplit("__", 1)[0] + "__name_lookup"
    if lookup in tables:
        for name, short in con.execute(f'select la_name, trim(local_authority_code) from raw."{lookup}"').fetchall():
            if short in by_short and name_key(name):
                by_name.setdefault(name_key(name), set()).add(by_short[short])
    return by_name


def _found_by_file(con, table, names: dict[str, set] | None = None) -> dict[str, dict[str, set]]:
    """Per file, each period label with the codes present in it (names translated to codes)."""
    expects = table.expects
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "order by ordinal_position",
            [table.raw_table],
        ).fetchall()
    ]
    if expects.code_column not in columns or (expects.period_column and expects.period_column not in columns):
        return {}
    code = f'trim("{expects.code_column}")'
    if expects.period_columns:
        wide = [(c, m.group(1)) for c in columns if (m := re.search(expects.period_columns, c))]
        selects = [
            f"""select distinct _source_file, '{label}', {code} from raw."{table.raw_table}"
                where {code} is not null and "{column}" is not null and trim("{column}") <> ''"""
            for column, label in wide
        ]
        if not selects:
            return {}
        query = " union all ".join(selects)
    else:
        period = f'trim("{expects.period_column}")' if expects.period_column else "''"
        query = f"""select distinct _source_file, {period}, {code} from raw."{table.raw_table}"
                    where "{expects.code_column}" is not null"""
    found: dict[str, dict[str, set]] = {}
    for file, label, value in con.execute(query).fetchall():
        if expects.period is not None:
            label = expects.period
        elif expects.period_from_file:
            match = re.search(expects.period_from_file, file)
            label = next((g for g in match.groups() if g), "") if match else ""
        held = found.setdefault(file, {}).setdefault(label or "", set())
        if names is None:  # a cell may hold two codes ("E09000021 / E09000027": one return for both)
            held.update(c for c in re.split(r"[\s/,;]+", value.upper()) if c)
        else:
            held.update(names.get(name_key(value), ()))
    return found


def check_coverage(con, tables, lists: AuthorityLists | None, entries, accept: bool, progress) -> None:
    """Check every landed file of every table with ``expects`` against the register; stop on the first
    file short of it (unless ``accept``, when its load_log line says what was accepted)."""
    checked = [t for t in tables if t.expects is not None and not t.expects.not_checked]
    if not checked:
        return
    register = read_register(con, lists) if lists else []
    by_file = {(e.table, e.file): e for e in entries}
    if not register:
        progress("  ! no authority register landed: files not checked against their registry expectations")
        for table in checked:
            for (raw_table, _), entry in by_file.items():
                if raw_table == table.raw_table and entry.status.startswith("loaded"):
                    entry.message = "; ".join(
                        part for part in (entry.message, "coverage not checked (no authority register landed)") if part
                    )
        return
    failures = []
    names = None  # names of the register, read once for the tables that name their authorities
    for table in checked:
        if table.expects.authorities not in lists.lists:
            raise RegistryError(
                f"{table.raw_table}: expects authorities '{table.expects.authorities}', not a list of "
                f"{LISTS_FILE} ({', '.join(lists.lists)})"
            )
        if table.expects.codes_are == "name" and names is None:
            names = name_codes(con, lists)
        by_name = names if table.expects.codes_are == "name" else None
        for file, found in sorted(_found_by_file(con, table, by_name).items()):
            problems = file_shortfalls(table, lists, register, file, found)
            if not problems:
                continue
            what = "; ".join(problems)
            entry = by_file.get((table.raw_table, file))
            if accept and entry is not None:
                entry.status = "loaded_with_warnings"
                entry.message = f"short of its registry expectation, accepted (ACCEPT_SHRINK): {what}; {entry.message}"
                progress(f"  ! {file}: short of its registry expectation, accepted: {what}")
            else:
                failures.append((file, table, what))
    if failures:
        file, table, what = failures[0]
        others = f" ({len(failures) - 1} other file(s) short too: {', '.join(f for f, _, _ in failures[1:4])})"
        raise CoverageError(
            f"looks partial: {what}. A whole file of {table.raw_table} holds every "
            f"{table.expects.authorities.replace('_', '-')} authority in each period (scripts/registry, "
            f"expects:); if the publisher really leaves them out, add them to the table's expects: exceptions "
            f"with the reason, or run again with ACCEPT_SHRINK=1 (make run) or --accept-shrink to land it as it "
            f"is; the previous warehouse is unchanged" + (others if len(failures) > 1 else ""),
            path=file,
        )
