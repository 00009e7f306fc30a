"""The thin loader of the council productivity index.

Python here only *lands* public files as published (text columns plus lineage metadata) into the
DuckDB schema ``raw``; every transformation beyond landing lives in dbt.
"""
