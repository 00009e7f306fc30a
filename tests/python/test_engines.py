"""The pieces of the PostgreSQL / Spark support that run without those engines:
profile rendering, the Parquet landing of the raw schema, the throwaway-server settings, and the
row-by-row mart comparison on small frames. (The engines themselves are exercised end to end by
`make compare-engines`, which CI runs.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import jinja2
import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

from council_index.engines import compare, landing, postgres_server, spark

ROOT = Path(__file__).resolve().parents[2]


# --- profiles.yml -----------------------------------------------------------------------------------


def render_profile(environ: dict[str, str]) -> dict:
    """profiles.yml rendered as dbt renders it (env_var with a default, as_number)."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters["as_number"] = lambda value: int(value) if str(value).isdigit() else float(value)

    def env_var(name, default=None):
        if name in environ:
            return environ[name]
        if default is None:
            raise KeyError(name)
        return default

    def render(node):
        if isinstance(node, dict):
            return {k: render(v) for k, v in node.items()}
        if isinstance(node, list):
            return [render(v) for v in node]
        if isinstance(node, str) and "{{" in node:
            return env.from_string(node).render(env_var=env_var)
        return node

    return render(yaml.safe_load((ROOT / "profiles.yml").read_text()))["council_productivity"]


def test_profile_has_three_targets_and_duckdb_stays_default():
    profile = render_profile({})
    assert set(profile["outputs"]) == {"duckdb", "postgres", "spark"}
    assert profile["target"] == "duckdb"
    assert profile["outputs"]["duckdb"]["path"] == "data/warehouse.duckdb"
    assert render_profile({"INDEX_TARGET": "spark"})["target"] == "spark"


def test_postgres_target_reads_the_index_pg_variables():
    defaults = render_profile({})["outputs"]["postgres"]
    assert (defaults["host"], defaults["port"], defaults["user"], defaults["dbname"]) == (
        "127.0.0.1",
        "5432",
        "index",
        "council_productivity",
    )
    configured = render_profile(
        {
            "INDEX_PG_HOST": "db.example",
            "INDEX_PG_PORT": "6543",
            "INDEX_PG_USER": "ana",
            "INDEX_PG_PASSWORD": "pw",
            "INDEX_PG_DATABASE": "cpi",
        }
    )["outputs"]["postgres"]
    assert configured["type"] == "postgres"
    assert (
        configured["host"],
        configured["port"],
        configured["user"],
        configured["password"],
        configured["dbname"],
    ) == ("db.example", "6543", "ana", "pw", "cpi")


def test_spark_profile_matches_the_landing_session_settings(tmp_path):
    # dbt-spark (method: session) reuses the session build.py opens for landing: same settings.
    target = render_profile({"INDEX_SPARK_DIR": str(tmp_path)})["outputs"]["spark"]
    assert target["type"] == "spark" and target["method"] == "session"
    assert target["server_side_parameters"] == spark.spark_settings(tmp_path)


def test_a_throwaway_spark_build_keeps_its_catalogue_in_memory(tmp_path):
    """Only the comparison's builds (INDEX_SPARK_THROWAWAY=1, set by index-compare-engines) leave the Hive metastore
    out; make run TARGET=spark keeps it, so its tables can be queried after the run."""
    kept = spark.session_settings(tmp_path, {})
    assert kept == spark.spark_settings(tmp_path) and "spark.sql.catalogImplementation" not in kept
    thrown = spark.session_settings(tmp_path, {"INDEX_SPARK_THROWAWAY": "1"})
    assert thrown == {
        **kept,
        "spark.sql.catalogImplementation": "in-memory",
        "spark.driver.extraJavaOptions": kept["spark.driver.extraJavaOptions"] + " " + spark.THROWAWAY_JAVA_OPTIONS,
        "spark.sql.codegen.wholeStage": "false",
    }
    assert f"-Dderby.system.home={tmp_path}" in thrown["spark.driver.extraJavaOptions"]
    assert not spark.is_throwaway({"INDEX_SPARK_THROWAWAY": "0"})


# --- throwaway PostgreSQL settings ------------------------------------------------------------------


def test_configured_server_settings_come_from_the_environment():
    assert postgres_server.postgres_connection_settings({}) is None  # no host: start a throwaway server
    settings = postgres_server.postgres_connection_settings({"INDEX_PG_HOST": "pg", "INDEX_PG_PORT": "5433"})
    assert settings["INDEX_PG_HOST"] == "pg" and settings["INDEX_PG_PORT"] == "5433"
    assert settings["INDEX_PG_DATABASE"] == "council_productivity"


def test_free_port_is_bindable_on_loopback():
    import socket

    port = postgres_server.free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_a_local_server_is_kept_beside_the_landing_warehouse_unless_throwaway_is_asked(tmp_path):
    from council_index.engines.build import local_cluster_dir

    default = local_cluster_dir(Path("data/landing_postgres.duckdb"))
    assert default == Path("data/landing_postgres_pg")
    assert postgres_server.keep_dir_from_env(default, {}) == default
    assert postgres_server.keep_dir_from_env(default, {"INDEX_PG_KEEP_DIR": str(tmp_path)}) == tmp_path
    for value in ("1", "true", "YES"):
        assert postgres_server.keep_dir_from_env(default, {"INDEX_PG_THROWAWAY": value}) is None
    assert postgres_server.keep_dir_from_env(default, {"INDEX_PG_THROWAWAY": "0"}) == default


def test_a_kept_server_says_where_its_data_is_and_how_to_start_query_and_stop_it(tmp_path):
    server = postgres_server.ThrowawayPostgres(keep_dir=tmp_path / "pg", port=5555)
    server.bin, server.folder = Path("/opt/pg/bin"), tmp_path / "pg"
    lines = server.how_to_query()
    text = "\n".join(lines)
    assert str(tmp_path / "pg" / "data") in lines[0] and "council_productivity" in lines[0]
    start = next(line for line in lines if "start it:" in line)
    assert "/opt/pg/bin/pg_ctl -D " in start and "port=5555" in start and start.endswith(" start")
    assert "-h 127.0.0.1 -p 5555 -U index council_productivity" in text and "marts.fct_overall_productivity" in text
    assert "INDEX_PG_THROWAWAY=1" in text and "runuser" not in text
    server.run_as = "postgres"  # as root, the server runs as postgres: so must the commands printed
    assert all(
        "runuser -u postgres -- /opt/pg/bin/pg_ctl" in line
        for line in server.how_to_query()
        if "it:  " in line and "pg_ctl" in line
    )


def _local_postgres_available() -> bool:
    try:
        import psycopg2  # noqa: F401

        postgres_server.find_pg_bin()
    except (ImportError, FileNotFoundError):
        return False
    return True


@pytest.mark.skipif(not _local_postgres_available(), reason="needs psycopg2 (.venv-postgres) and PostgreSQL binaries")
def test_a_kept_local_server_can_be_started_and_queried_after_the_run():
    import shlex
    import shutil
    import subprocess
    import tempfile

    import psycopg2

    # not pytest's tmp_path (mode 700): as root the server runs as `postgres`, which must reach the folder
    tmp_path = Path(tempfile.mkdtemp(prefix="index-pg-test-"))
    tmp_path.chmod(0o755)
    printed: list[str] = []
    try:
        _start_write_stop_restart_query(tmp_path, printed, psycopg2, shlex, subprocess)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _start_write_stop_restart_query(tmp_path, printed, psycopg2, shlex, subprocess):
    with postgres_server.ThrowawayPostgres(keep_dir=tmp_path / "pg", progress=printed.append) as server:
        con = psycopg2.connect(host="127.0.0.1", port=server.port, user=server.user, dbname=server.database)
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("create schema marts; create table marts.t as select 2018 as edition, 1 as overall_rank")
        con.close()
    assert (tmp_path / "pg" / "data" / "PG_VERSION").exists(), "the data is kept"
    command = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in printed if "it:  " in line}
    subprocess.run(shlex.split(command["start it"]), check=True, capture_output=True)
    try:
        con = psycopg2.connect(host="127.0.0.1", port=server.port, user=server.user, dbname=server.database)
        with con.cursor() as cur:
            cur.execute("select edition, overall_rank from marts.t")
            assert cur.fetchall() == [(2018, 1)]
        con.close()
    finally:
        subprocess.run(shlex.split(command["stop it"]), check=True, capture_output=True)


# --- Parquet landing --------------------------------------------------------------------------------


@pytest.fixture
def raw_warehouse(tmp_path) -> Path:
    path = tmp_path / "landing.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema raw")
    con.execute("create table raw.ds__things (code varchar, value varchar, _source_file varchar, _row_number integer)")
    con.execute(
        "insert into raw.ds__things values ('E1', '1,234', 'a.csv', 2), ('E2', '', 'a.csv', 3), "
        "('E3', null, 'a.csv', 4), ('E4', 'say \"x\", y', 'a.csv', 5)"
    )
    con.execute("create table raw.ds__empty (code varchar, _row_number integer)")
    con.execute(
        "create table raw.load_log (dataset varchar, raw_table varchar, file varchar, rows bigint, "
        "seconds double, status varchar, message varchar, loaded_at varchar)"
    )
    con.execute(
        "insert into raw.load_log values ('ds', 'ds__things', 'a.csv', 4, 0.01, 'loaded', '', 'now'), "
        "('ds', 'ds__empty', null, 0, 0.0, 'missing', 'no file', 'now')"
    )
    con.execute("create view raw.not_exported as select 1 as x")
    con.close()
    return path


def test_raw_schema_is_exported_table_by_table_with_a_manifest(raw_warehouse, tmp_path):
    out = tmp_path / "parquet"
    manifest = landing.export_raw_to_parquet(raw_warehouse, out)
    assert [m["table"] for m in manifest] == ["ds__empty", "ds__things", "load_log"]  # views are not landed
    assert {m["table"]: m["rows"] for m in manifest} == {"ds__empty": 0, "ds__things": 4, "load_log": 2}
    assert landing.read_manifest(out)["tables"] == manifest
    things = pq.read_table(out / "raw.ds__things.parquet").to_pydict()
    assert things["value"] == ["1,234", "", None, 'say "x", y']  # text as published, '' is not null
    assert things["_row_number"] == [2, 3, 4, 5]
    assert pq.read_table(out / "raw.ds__empty.parquet").num_rows == 0
    log = next(m for m in manifest if m["table"] == "load_log")
    assert [c["type"] for c in log["columns"]] == ["VARCHAR"] * 3 + ["BIGINT", "DOUBLE"] + ["VARCHAR"] * 3


def test_export_refuses_a_type_without_a_portable_mapping(tmp_path):
    path = tmp_path / "odd.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema raw")
    con.execute("create table raw.odd (x hugeint)")
    con.close()
    with pytest.raises(ValueError, match="raw.odd"):
        landing.export_raw_to_parquet(path, tmp_path / "out")


def test_postgres_ddl_keeps_text_columns_and_quotes_names():
    entry = {
        "table": "load_log",
        "columns": [
            {"name": "rows", "type": "BIGINT"},
            {"name": "_source_file", "type": "VARCHAR"},
            {"name": "seconds", "type": "DOUBLE"},
        ],
    }
    assert landing.postgres_create_table_sql("raw__landing", entry) == (
        'create table "raw__landing"."load_log" ("rows" bigint, "_source_file" text, "seconds" double precision)'
    )


def test_copy_csv_keeps_empty_strings_apart_from_nulls(raw_warehouse, tmp_path):
    # publish_postgres streams DuckDB CSV with every value quoted into COPY (format csv): an
    # unquoted empty field is null, "" is the empty string. Check the file says exactly that.
    landing.export_raw_to_parquet(raw_warehouse, tmp_path / "p")
    csv = tmp_path / "things.csv"
    duckdb.connect().execute(
        f"copy (select * from read_parquet('{tmp_path / 'p' / 'raw.ds__things.parquet'}')) "
        f"to '{csv}' (format csv, header false, force_quote *, nullstr '')"
    )
    lines = csv.read_text().splitlines()
    assert lines[1].split(",")[1] == '""' and lines[2].split(",")[1] == ""
    assert lines[3] == '"E4","say ""x"", y","a.csv","5"'


# --- mart comparison ----------------------------------------------------------------------------------


def frame(rows, columns=("authority_code", "lens_id", "score", "rank")):
    return pd.DataFrame(rows, columns=list(columns))


BASE = [("E1", "waste", 0.1234567890123, 1), ("E2", "waste", -2.5, 2), ("E3", "waste", None, None)]


def test_identical_marts_have_no_difference():
    result = compare.compare_mart(
        "m", {"duckdb": frame(BASE), "postgres": frame(list(reversed(BASE)))}, ["authority_code", "lens_id"]
    )
    assert result.differences == 0 and result.rows == {"duckdb": 3, "postgres": 3}


def test_numbers_within_1e_9_relative_are_equal_and_beyond_are_not():
    close = [("E1", "waste", 0.1234567890123 * (1 + 5e-10), 1), *BASE[1:]]
    far = [("E1", "waste", 0.1234567890123 * (1 + 5e-9), 1), *BASE[1:]]
    keys = ["authority_code", "lens_id"]
    assert compare.compare_mart("m", {"a": frame(BASE), "b": frame(close)}, keys).differences == 0
    result = compare.compare_mart("m", {"a": frame(BASE), "b": frame(far)}, keys)
    assert result.differences == 1 and "score" in result.examples[0]


def test_missing_extra_and_null_rows_are_differences():
    other = [BASE[0], ("E2", "waste", -2.5, 3), ("E4", "waste", 1.0, 4)]  # rank differs, E3 missing, E4 extra
    result = compare.compare_mart("m", {"a": frame(BASE), "b": frame(other)}, ["authority_code", "lens_id"])
    assert result.differences == 3
    nulls = [BASE[0], BASE[1], ("E3", "waste", 0.0, None)]
    assert compare.compare_mart("m", {"a": frame(BASE), "b": frame(nulls)}, ["authority_code"]).differences == 1


def test_types_do_not_matter_values_do():
    import datetime as dt
    import decimal

    assert compare.values_equal(3, 3.0) and compare.values_equal(decimal.Decimal("2.5"), 2.5)
    assert compare.values_equal(dt.date(2018, 3, 31), dt.date(2018, 3, 31))
    assert compare.values_equal(0.0, 1e-17)  # both zero for all purposes
    assert not compare.values_equal(True, 1) and not compare.values_equal("1", 1)
    assert not compare.values_equal(None, 0) and compare.values_equal(float("nan"), None)


def test_missing_mart_or_columns_are_differences():
    assert compare.compare_mart("m", {"a": frame(BASE), "b": None}).differences == 1
    renamed = frame(BASE, columns=("authority_code", "lens_id", "score_value", "rank"))
    assert compare.compare_mart("m", {"a": frame(BASE), "b": renamed}).differences == 1


def test_without_a_key_every_non_float_column_is_the_key():
    result = compare.compare_mart("m", {"a": frame(BASE), "b": frame(BASE)})
    assert result.keys == ["authority_code", "lens_id"]  # score and rank (with a null) are floats
    assert result.differences == 0


def test_keys_come_from_the_marts_tests_in_the_manifest(tmp_path):
    manifest = {
        "nodes": {
            "model.p.fct_a": {"resource_type": "model", "schema": "marts", "name": "fct_a", "alias": "fct_a"},
            "model.p.dim_b": {"resource_type": "model", "schema": "marts", "name": "dim_b", "alias": "dim_b"},
            "model.p.stg_c": {"resource_type": "model", "schema": "staging", "name": "stg_c", "alias": "stg_c"},
            "test.p.t1": {
                "resource_type": "test",
                "attached_node": "model.p.fct_a",
                "test_metadata": {
                    "name": "unique_combination_of_columns",
                    "kwargs": {"combination_of_columns": ["edition", "authority_code"]},
                },
            },
            "test.p.t2": {
                "resource_type": "test",
                "attached_node": "model.p.dim_b",
                "test_metadata": {"name": "unique", "kwargs": {"column_name": "lens_id"}},
            },
            "test.p.t3": {
                "resource_type": "test",
                "attached_node": "model.p.stg_c",
                "test_metadata": {"name": "unique", "kwargs": {"column_name": "x"}},
            },
        }
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    assert compare.mart_keys_from_manifest(path) == {"fct_a": ["edition", "authority_code"], "dim_b": ["lens_id"]}


def test_table_lists_marts_rows_differences_and_build_times():
    results = [compare.compare_mart("dim_lens", {"duckdb": frame(BASE), "spark": frame(BASE)}, ["authority_code"])]
    text = compare.format_table(results, ["duckdb", "spark"], {"duckdb": 12.3, "spark": None})
    assert "dim_lens" in text and "duckdb rows" in text and "12.3 s" in text
    assert text.splitlines()[2].split()[-1] == "0"


# --- compare_engines.py on exports of an earlier run ------------------------------------------------


def write_exports(workdir: Path, engine: str, marts: dict[str, pd.DataFrame], seconds: float = 1.0) -> None:
    folder = workdir / f"{engine}_marts"
    folder.mkdir(parents=True)
    for name, data in marts.items():
        data.to_parquet(folder / f"{name}.parquet")
    (folder / "_build.json").write_text(json.dumps({"target": engine, "seconds": {"total": seconds}}))


def test_compare_command_exits_0_when_marts_match_and_1_on_any_difference(tmp_path, capsys):
    from council_index import compare_engines

    same = tmp_path / "same"
    write_exports(same, "duckdb", {"fct_x": frame(BASE)}, 12.0)
    write_exports(same, "postgres", {"fct_x": frame(list(reversed(BASE)))}, 30.0)
    assert compare_engines.main(["--workdir", str(same), "--engines", "duckdb,postgres", "--skip-build"]) == 0
    out = capsys.readouterr().out
    assert "fct_x" in out and "OK: 1 marts identical" in out and "30.0 s" in out

    differ = tmp_path / "differ"
    write_exports(differ, "duckdb", {"fct_x": frame(BASE), "dim_y": frame(BASE)})
    write_exports(differ, "spark", {"fct_x": frame([*BASE[:2], ("E3", "waste", 1.5, None)])})  # dim_y missing
    assert compare_engines.main(["--workdir", str(differ), "--engines", "duckdb,spark", "--skip-build"]) == 1
    out = capsys.readouterr().out
    assert "spark: mart dim_y missing" in out and "score" in out


def test_reference_warehouse_cannot_be_compared_with_builds_of_other_vars(tmp_path, capsys, monkeypatch):
    """The reference was built with the project's own vars; other vars change marts, so a comparison with them
    must build DuckDB itself. {analysis_enabled: false} is the one exception (without_analysis below)."""
    from council_index import compare_engines

    argv = ["--workdir", str(tmp_path), "--engines", "duckdb,spark", "--reference-db", "ref.duckdb"]
    for other in ("{uncertainty_draws: 10}", "{analysis_enabled: false, uncertainty_draws: 10}"):
        with pytest.raises(SystemExit) as stopped:
            compare_engines.main([*argv, "--vars", other])
        assert stopped.value.code == 2
        assert "--reference-db cannot be given with --vars other than" in capsys.readouterr().err
    raw = tmp_path / "demo_raw"
    raw.mkdir()
    (raw / "DEMO_DATA.md").write_text("demo")
    # accepted: it goes on to read the reference, which is not there (the engine venvs need not exist yet)
    monkeypatch.setattr(compare_engines, "python_of", lambda engine: Path("/usr/bin/python3"))
    assert compare_engines.main([*argv, "--raw-dir", str(raw), "--vars", "{analysis_enabled: false}"]) == 1
    assert "ref.duckdb: no such warehouse" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        compare_engines.main(["--workdir", str(tmp_path), "--engines", "postgres,duckdb", "--reference-db", "r"])
    assert "needs duckdb as the first" in capsys.readouterr().err


def test_engines_built_first_are_compared_later_with_the_reference(tmp_path, monkeypatch, capsys):
    """.ci/run builds the engines while make test runs (--build-only: the reference warehouse is not there yet, so it
    is not read) and compares once it is (--skip-build --reference-db: the reference is checked against the demo folder
    of the build and exported then). A failed build fails the build step; a build that leaves no exports fails the
    comparison, and stale exports of an earlier run are not taken for a build's."""
    from council_index import compare_engines

    raw = tmp_path / "demo_raw"
    raw.mkdir()
    (raw / "DEMO_DATA.md").write_text("demo")
    monkeypatch.setattr(compare_engines, "python_of", lambda engine: Path("/usr/bin/python3"))
    reused = []

    def reuse_reference(db, raw_dir, out_dir):
        reused.append((db.name, raw_dir))
        shutil.rmtree(out_dir, ignore_errors=True)
        write_exports(out_dir.parent, "duckdb", {"fct_x": frame(BASE)})

    monkeypatch.setattr(compare_engines, "reuse_reference", reuse_reference)
    outcome = {"ok": True}

    def build_all(engines, workdir, raw_dir, extra_vars, concurrent, selector=None):
        assert engines == ["spark"] and raw_dir == raw
        if outcome["ok"]:
            write_exports(workdir, "spark", {"fct_x": frame(list(reversed(BASE)))}, 7.0)
        return {"spark": (outcome["ok"], 7.0)}

    monkeypatch.setattr(compare_engines, "build_all", build_all)
    argv = [
        "--workdir",
        str(tmp_path),
        "--engines",
        "duckdb,spark",
        "--raw-dir",
        str(raw),
        "--reference-db",
        "ref.duckdb",
    ]

    assert compare_engines.main([*argv, "--build-only"]) == 0
    assert reused == [] and "compare with the same options and --skip-build" in capsys.readouterr().out
    assert compare_engines.main([*argv, "--skip-build"]) == 0
    assert reused == [("ref.duckdb", raw)]
    out = capsys.readouterr().out
    assert "OK: 1 marts identical on duckdb, spark" in out and "7.0 s" in out

    outcome["ok"] = False  # the build step fails, and the stale exports of the run above are gone
    (tmp_path / "spark_marts").rename(tmp_path / "old")  # what compare_engines.build removes before building
    assert compare_engines.main([*argv, "--build-only"]) == 1
    assert "FAILED: the build failed on spark" in capsys.readouterr().out
    assert compare_engines.main([*argv, "--skip-build"]) == 1
    assert "FAILED: the build failed on spark" in capsys.readouterr().out

    # --skip-build needs the demo folder of the build to check the reference by
    assert (
        compare_engines.main(
            [
                "--workdir",
                str(tmp_path / "none"),
                "--engines",
                "duckdb,spark",
                "--skip-build",
                "--reference-db",
                "ref.duckdb",
            ]
        )
        == 1
    )
    assert "no demo raw folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        compare_engines.main([*argv, "--build-only", "--skip-build"])


def test_a_build_removes_the_exports_of_the_run_before(tmp_path, monkeypatch):
    from council_index import compare_engines

    write_exports(tmp_path, "postgres", {"fct_x": frame(BASE)})
    monkeypatch.setattr(compare_engines, "python_of", lambda engine: Path("/bin/false"))
    ok, _ = compare_engines.build("postgres", tmp_path, tmp_path, None)
    assert not ok and not (tmp_path / "postgres_marts").exists()


def test_reference_is_compared_as_a_build_without_the_analysis_models_gives_it(tmp_path):
    """without_analysis: the marts the engine's build disabled are left out of the reference, its columns marked
    meta from_analysis are null, the rest is untouched; a value in such a column on the engine is a difference."""

    def model(name, columns=None, schema="marts"):
        return {"resource_type": "model", "name": name, "alias": name, "schema": schema, "columns": columns or {}}

    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "nodes": {
                    "model.p.rpt_x": model(
                        "rpt_x", {"rank": {}, "rank_p05": {"meta": {"from_analysis": True}}, "note": {"meta": {}}}
                    ),
                    "model.p.int_y": model("int_y", {"v": {"meta": {"from_analysis": True}}}, schema="intermediate"),
                },
                "disabled": {"model.p.fct_uncertainty": [model("fct_uncertainty")]},
            }
        )
    )
    reference = {
        "rpt_x": frame([("E1", 1, 2), ("E2", 2, 1)], ("authority_code", "rank", "rank_p05")),
        "fct_uncertainty": frame([("E1", 1)], ("authority_code", "rank")),
        "dim_z": frame([("E1", "a")], ("authority_code", "note")),
    }
    marts = compare.without_analysis(reference, manifest)
    assert sorted(marts) == ["dim_z", "rpt_x"]
    assert marts["rpt_x"]["rank_p05"].isna().all() and list(marts["rpt_x"]["rank"]) == [1, 2]
    assert reference["rpt_x"]["rank_p05"].tolist() == [2, 1], "the reference frame itself is left as it was"
    assert marts["dim_z"] is reference["dim_z"]
    engine = frame([("E1", 1, None), ("E2", 2, None)], ("authority_code", "rank", "rank_p05"))
    assert (
        compare.compare_mart("rpt_x", {"duckdb": marts["rpt_x"], "spark": engine}, ["authority_code"]).differences == 0
    )
    engine.loc[0, "rank_p05"] = 3
    assert (
        compare.compare_mart("rpt_x", {"duckdb": marts["rpt_x"], "spark": engine}, ["authority_code"]).differences == 1
    )


def test_reference_warehouse_must_come_from_the_same_raw_files(tmp_path, capsys):
    import duckdb

    from council_index import compare_engines
    from council_index.errors import CommandError
    from council_index.pipeline.loader import sha256_of

    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "a" / "one.csv").write_text("x\n1\n")
    db = tmp_path / "ref.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw; create schema marts")
    con.execute("create table raw.load_log (file varchar, file_sha256 varchar)")
    con.execute("insert into raw.load_log values ('a/one.csv', ?)", [sha256_of(raw / "a" / "one.csv")])
    con.execute("create table marts.fct_x as select 'E1' as authority_code, 1.5 as score")
    con.close()

    compare_engines.reuse_reference(db, raw, tmp_path / "duckdb_marts")
    assert (tmp_path / "duckdb_marts" / "fct_x.parquet").is_file()
    assert json.loads((tmp_path / "duckdb_marts" / "_build.json").read_text())["reused"] == str(db)
    assert "not building it again" in capsys.readouterr().out

    (raw / "a" / "one.csv").write_text("x\n2\n")  # the demo was written again, differently
    with pytest.raises(CommandError, match=r"was not built from .*1 of its 1 landed file\(s\).*a/one\.csv"):
        compare_engines.reuse_reference(db, raw, tmp_path / "duckdb_marts")
    with pytest.raises(CommandError, match="no such warehouse"):
        compare_engines.reuse_reference(tmp_path / "none.duckdb", raw, tmp_path / "duckdb_marts")


# --- every engine builds every model, the analysis models included ----------------------------------


def test_every_dbt_model_is_sql_so_every_engine_can_build_it():
    """dbt-postgres and dbt-spark (session) run no dbt Python models: a .py model would leave
    PostgreSQL and Spark without its marts. The analysis models are SQL like the rest."""
    python_models = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "models").rglob("*.py"))
    assert python_models == []
    assert (ROOT / "models/intermediate/analysis/int_analysis__run_lens_ranks.sql").is_file()
    assert (ROOT / "models/marts/analysis/fct_rank_uncertainty.sql").is_file()


def test_postgres_and_spark_builds_keep_the_analysis_models_unless_vars_are_given(tmp_path, monkeypatch):
    from council_index import build as build_module
    from council_index.engines import build as engine_build

    seen = []
    monkeypatch.setattr(engine_build, "build_on_engine", lambda *args, **kwargs: seen.append(kwargs) or 0)
    raw = tmp_path / "raw"
    raw.mkdir()
    for target in ("postgres", "spark"):
        argv = ["--target", target, "--raw-dir", str(raw), "--db", str(tmp_path / f"{target}.duckdb")]
        assert build_module.main(argv) == 0
        assert build_module.main([*argv, "--vars", "{analysis_enabled: false}"]) == 0
        assert build_module.main([*argv, "--selector", "engine_port_check"]) == 0
    assert [kwargs["dbt_vars"] for kwargs in seen] == [None, "{analysis_enabled: false}", None] * 2
    assert [kwargs["selector"] for kwargs in seen] == [None, None, "engine_port_check"] * 2


def test_compare_engines_builds_with_the_projects_vars_unless_told_otherwise(tmp_path, monkeypatch):
    from council_index import compare_engines

    commands = []

    def fake_run(command, **kwargs):
        commands.append(command)
        return type("Done", (), {"returncode": 0})()

    monkeypatch.setattr(compare_engines.subprocess, "run", fake_run)
    monkeypatch.setattr(compare_engines, "python_of", lambda engine: Path("/usr/bin/python3"))
    compare_engines.build("postgres", tmp_path, tmp_path / "raw", None)
    compare_engines.build("spark", tmp_path, tmp_path / "raw", "{uncertainty_draws: 10}", "engine_port_check")
    assert "--vars" not in commands[0] and "--selector" not in commands[0]
    assert commands[1][commands[1].index("--vars") + 1] == "{uncertainty_draws: 10}"
    assert commands[1][commands[1].index("--selector") + 1] == "engine_port_check"

    raw = tmp_path / "demo_raw"
    raw.mkdir()
    (raw / "DEMO_DATA.md").write_text("demo")
    given = []
    monkeypatch.setattr(
        compare_engines,
        "build_all",
        lambda engines, workdir, raw_dir, extra_vars, concurrent, selector=None: (
            given.append((extra_vars, selector)) or {engine: (False, 0.0) for engine in engines}
        ),
    )
    argv = ["--workdir", str(tmp_path / "work"), "--raw-dir", str(raw), "--engines", "duckdb,postgres"]
    assert compare_engines.main(argv) == 1  # the stand-in builds failed
    assert compare_engines.main([*argv, "--selector", "engine_port_check"]) == 1
    assert given == [(None, None), (None, "engine_port_check")]
