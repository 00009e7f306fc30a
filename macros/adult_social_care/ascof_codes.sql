{#-
    ASCOF measure codes.
    ascof_measure_code(column): the published measure group code harmonised to the handbook form:
      `2A1` / `2A(1)` / `2A(1)_1415` -> `2A(1)`, `1C2A` / `1C(2A)` -> `1C(2A)`, `1I1` -> `1I(1)` ...
    ascof_measure_code_from_description(column): the code of a measure named only by its
      `Measure Group Description` (files that dropped the code); null when not recognised.
    ascof_measure_unit(code): `percent` (0-100), `per_100000`, or the score scales
      `score_0_1` (1J), `score_0_24` (1A), `score_0_12` (1D).
    ascof_year_end_from_file_name(column): the year an ASCOF year ends, from the open-data file's
      name as NHS Digital names it: `meas-from-asc-of-1617-...` (2017), `-17-18-` (2018),
      `-eng-1819-` (2019), `-eng-2021-` (2020-21: 2021), `-eng-2022-` (2021-22: 2022),
      `-eng-2021-22-` (2022), `2015-16 ASCOF open data csv file.csv` (2016); null otherwise.
    ascof_release_version(column): the release number in a file name (`..._v2.xlsx`, `-v3.csv` -> 2, 3;
      1 without one), so that a re-issued file outranks the first issue of the same year.
    Portable SQL only (replace, upper, lower, trim, position, substring, left, like).
-#}
{% macro ascof_measure_code(column) -%}
    {%- set key = "upper(replace(replace(replace(trim(" ~ column ~ "), '(', ''), ')', ''), ' ', ''))" -%}
    {%- set bare = "case when position('_' in " ~ key ~ ") > 0 then left(" ~ key ~ ", position('_' in " ~ key ~ ") - 1) else " ~ key ~ " end" -%}
    case {{ bare }}
        {%- for published, code in [
            ('1C1A', '1C(1A)'), ('1C1B', '1C(1B)'), ('1C2A', '1C(2A)'), ('1C2B', '1C(2B)'),
            ('1I1', '1I(1)'), ('1I2', '1I(2)'), ('2A1', '2A(1)'), ('2A2', '2A(2)'),
            ('2B1', '2B(1)'), ('2B2', '2B(2)'), ('2C1', '2C(1)'), ('2C2', '2C(2)'), ('2C3', '2C(3)'),
            ('3D1', '3D(1)'), ('3D2', '3D(2)')] %}
        when '{{ published }}' then '{{ code }}'
        {%- endfor %}
        else {{ bare }}
    end
{%- endmacro %}

{% macro ascof_measure_code_from_description(column) -%}
    {%- set d = "lower(" ~ column ~ ")" -%}
    case
        {%- for pattern, code in [
            ('%adjusted social care-related quality of life%', '1J'),
            ('social care-related quality of life%', '1A'),
            ('carer-reported quality of life%', '1D'),
            ('%delayed transfers%jointly attributable%', '2C(3)'),
            ('%delayed transfers%attributable to adult social care%', '2C(2)'),
            ('%delayed transfers of care%', '2C(1)'),
            ('%support needs of older adults%', '2A(2)'),
            ('%support needs of younger adults%', '2A(1)'),
            ('%satisfaction of carers%', '3B'),
            ('%satisfaction of people who use services%', '3A'),
            ('%sequel to service%', '2D'),
            ('%secondary mental health services in paid employment%', '1F'),
            ('%secondary mental health services living independently%', '1H'),
            ('%secondary mental health services who live independently%', '1H'),
            ('%learning disability in paid employment%', '1E'),
            ('%learning disabilities in paid employment%', '1E'),
            ('%learning disability who live in their own home%', '1G'),
            ('%learning disabilities who live in their own home%', '1G'),
            ('%people who use services and carers who find it easy to find information%', '3D(1)'),
            ('%carers who find it easy to find information%', '3D(2)'),
            ('%carers who receive direct payments%', '1C(2B)'),
            ('%carers who receive self-directed support%', '1C(1B)'),
            ('%carers who report that they have been included or consulted%', '3C'),
            ('%carers who reported that they had as much social contact%', '1I(2)'),
            ('%received reablement%', '2B(2)'),
            ('%reablement/rehabilitation services offered the service%', '2B(2)'),
            ('%still at home 91 days%', '2B(1)'),
            ('%people who use services who feel safe%', '4A'),
            ('%made them feel safe and secure%', '4B'),
            ('%people who use services who find it easy to find information%', '3D(1)'),
            ('%control over their daily life%', '1B'),
            ('%people who use services who receive direct payments%', '1C(2A)'),
            ('%people using social care who receive direct payments%', '1C(2A)'),
            ('%people who use services who receive self-directed support%', '1C(1A)'),
            ('%people using social care who receive self-directed support%', '1C(1A)'),
            ('%people who use services who reported that they had as much social contact%', '1I(1)')] %}
        when {{ d }} like '{{ pattern }}' then '{{ code }}'
        {%- endfor %}
    end
{%- endmacro %}

{% macro ascof_measure_unit(code) -%}
    case
        when {{ code }} = '1J' then 'score_0_1'
        when {{ code }} = '1A' then 'score_0_24'
        when {{ code }} = '1D' then 'score_0_12'
        when {{ code }} like '2A%' or {{ code }} like '2C%' then 'per_100000'
        else 'percent'
    end
{%- endmacro %}


{% macro ascof_year_end_from_file_name(column) -%}
    {%- set name = "lower(" ~ column ~ ")" -%}
    {%- set tail = "replace(substring(" ~ name ~ ", position('asc-of-' in " ~ name ~ ") + 7), 'eng-', '')" -%}
    {%- set label = "substring(" ~ name ~ ", position(' ascof open data' in " ~ name ~ ") - 7, 7)" -%}
    case
        {#- meas-from-asc-of-17-18-open-data.csv: 'yy-yy' #}
        when position('asc-of-' in {{ name }}) > 0 and substring({{ tail }}, 3, 1) = '-'
            then 2000 + {{ cast_or_null("substring(" ~ tail ~ ", 4, 2)", 'integer') }}
        {#- meas-from-asc-of-eng-2021-22-...: 'yyyy-yy' #}
        when position('asc-of-' in {{ name }}) > 0 and substring({{ tail }}, 5, 1) = '-'
            and substring({{ tail }}, 6, 2) between '00' and '99' and substring({{ tail }}, 8, 1) not between '0' and '9'
            then 2000 + {{ cast_or_null("substring(" ~ tail ~ ", 6, 2)", 'integer') }}
        {#- meas-from-asc-of-1617-..., -eng-1819-..., -eng-2021-... (2020-21): 'yyyy', the second pair ends the year #}
        when position('asc-of-' in {{ name }}) > 0
            then 2000 + {{ cast_or_null("substring(" ~ tail ~ ", 3, 2)", 'integer') }}
        {#- 2015-16 ASCOF open data csv file.csv: 'yyyy-yy' before the words #}
        when position(' ascof open data' in {{ name }}) > 7 and substring({{ label }}, 5, 1) = '-'
            then 2000 + {{ cast_or_null("substring(" ~ label ~ ", 6, 2)", 'integer') }}
    end
{%- endmacro %}

{% macro ascof_release_version(column) -%}
    case
        {%- for number in range(9, 1, -1) %}
        when lower({{ column }}) like '%v{{ number }}.%' then {{ number }}
        {%- endfor %}
        else 1
    end
{%- endmacro %}
