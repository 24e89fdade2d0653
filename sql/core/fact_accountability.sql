-- core.fact_accountability
-- Published accountability results per entity and school year, with the graduation-CCR gap and
-- the high-graduation/low-CCR flag (thresholds: settings high_grad_threshold, low_ccr_threshold).
-- grain: level x entity x school year x subgroup; keys: level, entity_id, school_year, subgroup
-- columns:
--   level: state, district or school
--   entity_id: district number or school id (DDDD-SSS) as in the file
--   school_year: accountability school year, named by the year it ends (2024 = 2023-24)
--   subgroup: student group the file reports (all when none)
--   district_id: the district (for a school, its district number)
--   grad_rate: four-year graduation rate as published (percent)
--   ccr_rate: college-and-career-readiness rate as published (percent; the definition changes in 2025-26)
--   acceleration_rate: acceleration component as published (percent)
--   grade: letter grade
--   total_points: total accountability points
--   grad_ccr_gap: grad_rate minus ccr_rate, percentage points
--   high_grad_low_ccr: grad_rate above high_grad_threshold (75) and ccr_rate below low_ccr_threshold (30); null unless both rates are published
--   is_charter: a charter school (reported by MDE both as a district and as a school)
create or replace table core.fact_accountability as
select
    -- ids
    level, entity_id, school_year, subgroup, district_id,
    -- published rates (percent)
    grad_rate, ccr_rate, acceleration_rate, grade, total_points,
    -- derived
    round(grad_rate - ccr_rate, 2) as grad_ccr_gap,
    -- only where both rates are published: a missing CCR rate must not count as "not low"
    case when grad_rate is not null and ccr_rate is not null
        then grad_rate > getvariable('high_grad_threshold') and ccr_rate < getvariable('low_ccr_threshold')
    end as high_grad_low_ccr,
    is_charter
from staging.stg_accountability;
