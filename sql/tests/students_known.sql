-- Plan events and NSC rows belong to students the student records know. A few may not (a student
-- who left before the first year loaded); most not matching means the files were hashed with
-- different id keys, or a students extract is missing: every plan would count for no one.
-- Returns one row per kind whose share of unknown students is above max_unknown_student_share
-- (only when student records are loaded at all).
with known as (select distinct student_key from staging.stg_students),
shares as (
    select 'staging.stg_plans' as tested, count(*) as n_rows,
        count(*) filter (where student_key not in (select student_key from known)) as unknown
    from staging.stg_plans
    union all
    select 'staging.stg_nsc', count(*),
        count(*) filter (where student_key not in (select student_key from known))
    from staging.stg_nsc
)
select tested, unknown || ' of ' || n_rows || ' rows (' || round(100 * unknown / n_rows, 1)
        || '%) match no student of the student records; the limit is '
        || round(100 * getvariable('max_unknown_student_share'), 1) || '%' as key_value
from shares
where n_rows > 0 and (select count(*) from known) > 0
    and unknown > getvariable('max_unknown_student_share') * n_rows;
