{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Expected lens outcome given context: per edition and lens, an ordinary least squares fit of the
    lens outcome score (fct_lens_productivity.outcome_score) on two standardised context variables,
    x1 = share of residents aged 65+ and x2 = log population (int_analysis__council_context: the
    edition's own context, the mid-year its spend year starts in), over the ranked councils with
    an outcome score. Two-regressor OLS in closed form from sample
    (co)variances (portable aggregates):
      b1 = (s22 s1y - s12 s2y) / (s11 s22 - s12^2),  b2 = (s11 s2y - s12 s1y) / (s11 s22 - s12^2),
      b0 = mean(y) - b1 mean(x1) - b2 mean(x2).
    expected = b0 + b1 x1 + b2 x2; residual = outcome - expected (positive = better than councils
    of similar context); residual_rank 1 = furthest above expectation; r_squared of the fit. Fitted values,
    residuals, coefficients and r_squared are rounded to 10 decimals (+ 0.0 turns -0 into 0).
-#}
with

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

context as (
    select * from {{ ref('int_analysis__council_context') }}
),

observations as (
    select
        lens_productivity.edition,
        lens_productivity.authority_code,
        lens_productivity.lens_id,
        lens_productivity.outcome_score as y,
        context.z_share_65_plus as x1,
        context.z_log_population as x2,
        context.share_65_plus_pct,
        context.population
    from lens_productivity
    inner join context
        on
            lens_productivity.edition = context.edition
            and lens_productivity.authority_code = context.authority_code
),

fit_rows as (
    select * from observations
    where y is not null and x1 is not null and x2 is not null
),

moments as (
    select
        edition,
        lens_id,
        count(*) as councils_in_fit,
        avg(y) as mean_y,
        avg(x1) as mean_x1,
        avg(x2) as mean_x2,
        var_samp(x1) as s11,
        var_samp(x2) as s22,
        covar_samp(x1, x2) as s12,
        covar_samp(x1, y) as s1y,
        covar_samp(x2, y) as s2y
    from fit_rows
    group by edition, lens_id
),

coefficients as (
    select
        edition,
        lens_id,
        councils_in_fit,
        mean_y,
        (s22 * s1y - s12 * s2y) / nullif(s11 * s22 - s12 * s12, 0) as b1,
        (s11 * s2y - s12 * s1y) / nullif(s11 * s22 - s12 * s12, 0) as b2,
        mean_x1,
        mean_x2
    from moments
    where councils_in_fit > 3
),

predicted as (
    select
        observations.*,
        coefficients.councils_in_fit,
        coefficients.mean_y,
        coefficients.b1,
        coefficients.b2,
        coefficients.mean_y - coefficients.b1 * coefficients.mean_x1 - coefficients.b2 * coefficients.mean_x2 as b0,
        coefficients.mean_y
        + coefficients.b1 * (observations.x1 - coefficients.mean_x1)
        + coefficients.b2 * (observations.x2 - coefficients.mean_x2) as expected
    from observations
    left join coefficients
        on
            observations.edition = coefficients.edition
            and observations.lens_id = coefficients.lens_id
),

fit_quality as (
    select
        edition,
        lens_id,
        1 - sum(power(y - expected, 2)) / nullif(sum(power(y - mean_y, 2)), 0) as r_squared
    from predicted
    where y is not null and expected is not null
    group by edition, lens_id
),

with_residuals as (
    select
        predicted.*,
        fit_quality.r_squared,
        predicted.y - predicted.expected as residual
    from predicted
    left join fit_quality
        on
            predicted.edition = fit_quality.edition
            and predicted.lens_id = fit_quality.lens_id
),

ranked as (
    select
        *,
        rank() over (
            partition by edition, lens_id, (residual is null)
            order by residual desc
        ) as rank_if_residual
    from with_residuals
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(y as {{ type_double() }}) as outcome_score,
        cast({{ round_places('expected', 10) }} + 0.0 as {{ type_double() }}) as expected_outcome_score,
        cast({{ round_places('residual', 10) }} + 0.0 as {{ type_double() }}) as residual,
        cast(case when residual is not null then rank_if_residual end as integer) as residual_rank,
        cast(share_65_plus_pct as {{ type_double() }}) as share_65_plus_pct,
        cast(population as {{ type_double() }}) as population,
        cast({{ round_places('b0', 10) }} + 0.0 as {{ type_double() }}) as coef_intercept,
        cast({{ round_places('b1', 10) }} + 0.0 as {{ type_double() }}) as coef_share_65_plus,
        cast({{ round_places('b2', 10) }} + 0.0 as {{ type_double() }}) as coef_log_population,
        cast({{ round_places('r_squared', 10) }} + 0.0 as {{ type_double() }}) as r_squared,
        cast(councils_in_fit as integer) as councils_in_fit
    from ranked
)

select * from final
