// Plans page: ISP indicators at state level, enrollment by revision band (the headline, with its
// caveat), and revisits per student-year by grade (aggregated here from the core facts).
import { emit, PUBLISHABLE_INDICATORS, publishable, read } from "./warehouse.ts";

const indicators = await read(`
  select indicator, cohort, subgroup_type, subgroup, numerator, denominator, value, ci_low, ci_high, suppressed
  from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and indicator like 'isp_%'
  order by indicator, cohort, subgroup_type, subgroup`);

const bands = await read(`
  select cohort, subgroup_type, subgroup, revision_band, suppressed, graduates, enrolled_fall, value, ci_low, ci_high, caveat
  from ${publishable("marts.enrollment_by_revision_band")}
  where level = 'state'
  order by cohort, subgroup_type, subgroup, revision_band`);

// revisions and reviews per student-year, by grade, school years of the last five
const byGrade = await read(`
  with years as (
    select grade, school_year, count(*) as student_years from core.fact_student_year
    where grade between 7 and 12 and school_year > (select max(school_year) - 5 from core.fact_student_year)
    group by all
  ),
  events as (
    select grade, school_year, count(*) as revisits from core.fact_plan_event
    where event in ('revised', 'reviewed') group by all
  )
  select y.grade, sum(y.student_years) as student_years, sum(coalesce(e.revisits, 0)) as revisits,
    sum(coalesce(e.revisits, 0)) / sum(y.student_years) as per_student_year
  from years as y left join events as e using (grade, school_year)
  group by y.grade
  having sum(y.student_years) >= 10
  order by y.grade`);

emit({ indicators, bands, byGrade });
