"""Run the project on other warehouses than DuckDB: PostgreSQL and Spark.

- ``postgres_server``: a throwaway PostgreSQL server (initdb in a temporary folder, pg_ctl, a free
  port on 127.0.0.1) for builds and CI when no server is configured.
- ``landing``: the raw schema landed by the DuckDB loader, exported once as Parquet and published to
  PostgreSQL (COPY) or Spark (tables read from the Parquet files), ``raw.load_log`` included.
- ``spark``: the local Spark session settings shared by the landing code and dbt-spark (method: session).
- ``compare``: row-by-row comparison of the marts built by several engines.
"""
