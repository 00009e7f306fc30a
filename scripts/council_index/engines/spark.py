"""The local Spark session shared by the raw landing and dbt-spark (``method: session``).

dbt-spark's session method calls ``SparkSession.builder.enableHiveSupport()...getOrCreate()`` with
the profile's ``server_side_parameters``; ``spark_settings`` gives the same settings (keep the two in
step with profiles.yml). ``build.py --target spark`` opens the session here, lands the raw tables,
then runs dbt in the same Python process, so dbt reuses this session (one JVM, and one process
holding the embedded Derby metastore under INDEX_SPARK_DIR).
"""

from __future__ import annotations

import os
from pathlib import Path


def spark_dir(environ=None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("INDEX_SPARK_DIR", "data/spark")).resolve()


def spark_settings(folder: Path | str) -> dict[str, str]:
    """Session settings for a metastore and warehouse kept in ``folder`` (as profiles.yml renders them)."""
    folder = str(folder)
    return {
        "spark.master": "local[2]",
        "spark.sql.warehouse.dir": f"{folder}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={folder}/metastore_db;create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={folder} -Dderby.system.durability=test",  # no fsync: a scratch metastore
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.memory": "3g",
    }


def is_throwaway(environ=None) -> bool:
    """INDEX_SPARK_THROWAWAY=1 (index-compare-engines sets it): the build's tables are needed only within its own
    process (it exports the marts before it ends), so they need not outlive it in the Hive metastore."""
    environ = os.environ if environ is None else environ
    return environ.get("INDEX_SPARK_THROWAWAY", "").strip().lower() in {"1", "true", "yes"}


# A throwaway build's JVM: the serial garbage collector, two JIT compiler threads instead of G1's concurrent
# threads and the default compiler count, and only the C1 compiler (TieredStopAtLevel=1). The data is small,
# so the JVM's own background work was most of the CPU: a demo build without the analysis models used 364.6 s
# of CPU against 450.5 s (wall 222 s against 257 s) with the first two. C2 then still took about half of the
# JVM's CPU (its compiler threads, read from /proc during a CI run): Spark runs some 350 short queries, so C2's
# optimised code never paid back its compiling. C1 only: 171-172 s and 223-224 s of CPU against 266-271 s and
# 441-445 s (two runs each, alone on a quiet 2-core machine, the same 19 marts as DuckDB's).
THROWAWAY_JAVA_OPTIONS = "-XX:+UseSerialGC -XX:CICompilerCount=2 -XX:TieredStopAtLevel=1"


def session_settings(folder: Path | str, environ=None) -> dict[str, str]:
    """spark_settings, and for a throwaway build (is_throwaway):
    - Spark's in-memory catalog instead of the Hive metastore in Derby: the tables are still Parquet under the
      warehouse folder, only their catalogue entries stay in the process, so every table dbt creates, drops or
      describes skips the metastore's round trips (dbt 199.0 s against 226.1 s, measured alone);
    - THROWAWAY_JAVA_OPTIONS for the driver's JVM;
    - no whole-stage code generation: each of some 350 queries on a few thousand rows compiled Java for
      itself (429.4 s of CPU against 450.5 s, measured alone; a last-bit difference in one float, within
      the comparison's tolerance)."""
    settings = spark_settings(folder)
    if is_throwaway(environ):
        settings["spark.sql.catalogImplementation"] = "in-memory"
        settings["spark.driver.extraJavaOptions"] += " " + THROWAWAY_JAVA_OPTIONS
        settings["spark.sql.codegen.wholeStage"] = "false"
    return settings


def get_session(folder: Path | str):
    """The process's Spark session (created on first use) with the project's settings (session_settings)."""
    from pyspark.sql import SparkSession

    Path(folder).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # the driver listens on loopback only
    builder = SparkSession.builder.appName("council_productivity").enableHiveSupport()
    for key, value in session_settings(folder).items():  # a later setting of a key wins over enableHiveSupport's
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
