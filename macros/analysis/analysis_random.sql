{#-
    Portable, reproducible random numbers for the rank simulation (int_analysis__runs and
    int_analysis__run_weights). Not an engine's random(), whose stream differs between engines and
    cannot be seeded within a query everywhere: every number is a hash of a key naming what it is
    for, so the same var uncertainty_seed gives the same draws on DuckDB, PostgreSQL and Spark,
    whatever the order in which the engine computes the rows.

    analysis_hash(parts): md5 (32 hexadecimal digits) of the key
        '<var uncertainty_seed>|<part 1>|<part 2>|...', each part an SQL expression cast to text
        (pass integers and text, never floating-point values, whose text differs between engines).
        md5 rather than an engine's hash(): it is defined identically everywhere and never changes
        between versions.
    analysis_hash_uniform(hash, slot=0): a uniform number in (0, 1) from one of the two 52-bit
        slots of a hash (hexadecimal digits 1-13 for slot 0, 14-26 for slot 1) read as an integer
        n, 0 <= n < 2^52: (n + 0.5) / 2^52, so never exactly 0 or 1.
    analysis_uniform(parts): analysis_hash_uniform(analysis_hash(parts), 0).
    analysis_gamma(hashes, shape): a Gamma(shape, 1) draw for a whole-number shape: the sum of
        `shape` independent exponential draws, -ln(u_1) - ... - ln(u_shape), the u_i taken from the
        slots of `hashes` in turn (a list of SQL expressions of analysis_hash values, at least
        shape / 2 of them). Exact, which is why the shape must be a whole number.
    The hexadecimal digits become an integer through hex_to_bigint (macros/cross_db).
-#}
{% macro analysis_hash(parts) -%}
    {%- set pieces = ["'" ~ (var('uncertainty_seed', 20180) | string) ~ "'"] -%}
    {%- for part in parts -%}
        {%- do pieces.append("'|'") -%}
        {%- do pieces.append('cast(' ~ part ~ ' as ' ~ council_productivity.type_varchar() ~ ')') -%}
    {%- endfor -%}
    md5(concat({{ pieces | join(', ') }}))
{%- endmacro %}

{% macro analysis_hash_uniform(hash, slot=0) -%}
    {%- set digits = council_productivity.hex_to_bigint(
        'substr(' ~ hash ~ ', ' ~ (1 + 13 * (slot | int)) ~ ', 13)') -%}
    ((cast({{ digits }} as {{ council_productivity.type_double() }}) + 0.5) / 4503599627370496.0)
{%- endmacro %}

{% macro analysis_uniform(parts) -%}
    {{ council_productivity.analysis_hash_uniform(council_productivity.analysis_hash(parts), 0) }}
{%- endmacro %}

{% macro analysis_gamma(hashes, shape) -%}
    {%- set whole = shape | int -%}
    {%- if whole < 1 or (whole | float) != (shape | float) -%}
        {{ exceptions.raise_compiler_error(
            "var('uncertainty_weight_concentration') must be a whole number of at least 1 (the Gamma "
            ~ "weights are sums of that many exponential draws), not '" ~ shape ~ "'") }}
    {%- endif -%}
    {%- if (hashes | length) * 2 < whole -%}
        {{ exceptions.raise_compiler_error(
            "analysis_gamma needs " ~ ((whole + 1) // 2) ~ " hashes for shape " ~ whole ~ ", got " ~ (hashes | length)) }}
    {%- endif -%}
    (
    {%- for i in range(whole) %}
        - ln({{ council_productivity.analysis_hash_uniform(hashes[i // 2], i % 2) }})
    {%- endfor %}
    )
{%- endmacro %}
