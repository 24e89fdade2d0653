-- meta.build_info
-- One row about this build: when it ran, what it was built from, and whether the data are the
-- synthetic state (the dashboard shows a banner on every page when they are).
-- grain: build (one row)
-- columns:
--   built_at: when the warehouse was built (UTC)
--   synthetic: the districts file says the data are the generated synthetic state (data_origin = synthetic)
--   files_loaded: input files currently counted (status loaded)
--   rows_loaded: rows of those files
--   rows_rejected: rejected rows of those files (each in meta.rejects)
--   last_loaded_at: when the most recent of those files landed
--   nsc_observed_through: how far the loaded NSC returns reach (latest term start or degree date)
--   min_n: the suppression threshold used
--   code_below: proportions at or below this percentage are published as a band
--   code_above: proportions at or above this percentage are published as a band
--   high_grad_threshold: a graduation rate above this percentage counts as high (the high-graduation/low-CCR flag)
--   low_ccr_threshold: a CCR rate below this percentage counts as low (the same flag)
--   home_state: the state the warehouse describes (its code names the state-level entity)
--   max_unknown_student_share: the build fails when more than this share of plan events or NSC rows match no student
create or replace table meta.build_info as
select
    current_timestamp::timestamp as built_at,
    coalesce((select bool_or(data_origin = 'synthetic') from staging.stg_districts), false) as synthetic,
    (select count(*) from meta.files where status = 'loaded') as files_loaded,
    (select sum(rows_loaded) from meta.files where status = 'loaded') as rows_loaded,
    (select sum(rows_rejected) from meta.files where status = 'loaded') as rows_rejected,
    (select max(loaded_at) from meta.files where status = 'loaded') as last_loaded_at,
    (select max(nsc_observed_through) from marts.student_outcomes) as nsc_observed_through,
    getvariable('min_n') as min_n,
    getvariable('code_below') as code_below,
    getvariable('code_above') as code_above,
    getvariable('high_grad_threshold') as high_grad_threshold,
    getvariable('low_ccr_threshold') as low_ccr_threshold,
    getvariable('home_state') as home_state,
    getvariable('max_unknown_student_share') as max_unknown_student_share;
