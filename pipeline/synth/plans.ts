// ISP events. Plans are created in grade 7 for most students without an IEP (IEP students are
// exempt); revisits are frequent in grade 8 everywhere but fade in high school in most
// districts, less so where the high school has a career coach; a move either continues the plan
// (a transferred_in event) or restarts it (a new created event).
import type { Db } from "../warehouse/connection.ts";
import { CAREER_CLUSTERS, OTHER_INTERESTS } from "./names.ts";

export async function createPlans(db: Db): Promise<void> {
  const clusters = CAREER_CLUSTERS.map((c) => `'${c}'`).join(", ");
  const interests = OTHER_INTERESTS.map((c) => `'${c}'`).join(", ");
  await db.run(`
    create table plan_students as
    select s.i, s.student_id, s.entry_grade, s.iep, s.z, s.z_plan, s.econ, s.move_grade,
      case
        when s.iep then case when u(s.i, 'isp_iep') < 0.45 then s.entry_grade end
        when s.entry_grade = 7 then
          case when u(s.i, 'isp_create') < sigmoid(2.3 + d.eff_isp) then 7
               when u(s.i, 'isp_late') < 0.5 then 8
               when u(s.i, 'isp_late') < 0.75 then 9 end
        when u(s.i, 'isp_create') < 0.8 then s.entry_grade
      end as created_grade,
      0.45 * s.z + 0.45 * s.z_plan as propensity,
      -- a few plans name an interest outside the 16 clusters (free text)
      case when u(s.i, 'interest') < 0.015
        then ([${interests}])[(1 + floor(u(s.i, 'interest_pick') * ${OTHER_INTERESTS.length}))::int]
        else ([${clusters}])[(1 + floor(u(s.i, 'cluster') * ${CAREER_CLUSTERS.length}))::int] end as career_cluster,
      case
        when s.z + 0.6 * zn(s.i, 'goal') > 0.4 then 'four_year'
        when s.z + 0.6 * zn(s.i, 'goal') > -0.4 then 'two_year'
        else (['certificate', 'apprenticeship', 'military', 'workforce', 'undecided'])[(1 + floor(u(s.i, 'goal_other') * 5))::int]
      end as postsecondary_goal
    from students s join districts d on d.district_id = s.first_district_id;

    create table plan_years as
    select y.i, y.student_id, y.school_year, y.grade, y.district_id, y.school_id,
      p.created_grade, p.propensity, p.career_cluster, p.postsecondary_goal,
      d.isp_sustained, d.eff_isp, coalesce(h.has_career_coach, false) as coach,
      row_number() over (partition by y.i order by y.school_year) as nth_year,
      lag(y.district_id) over (partition by y.i order by y.school_year) as prior_district_id
    from student_years y
    join plan_students p using (i)
    join districts d on d.district_id = y.district_id
    left join schools h on h.school_id = y.school_id and h.level = 'high';

    create table plan_events as
    with created as (
      select i, student_id, school_year, grade, district_id, school_id,
        make_date(school_year - 1, 9, 10) + floor(u(i, 'created_day') * 240)::int as event_date,
        'created' as event, coach, 0 as seq
      from plan_years
      where created_grade is not null and grade = created_grade
      qualify row_number() over (partition by i order by school_year) = 1
    ),
    moved as (
      -- the first year in a new district, for students whose plan already existed
      select i, student_id, school_year, grade, district_id, school_id,
        make_date(school_year - 1, 8, 20) + floor(u(i, 'move_day') * 40)::int as event_date,
        case when u(i, 'continuity') < 0.40 + 0.25 * coach::int then 'transferred_in' else 'created' end as event,
        coach, 0 as seq
      from plan_years
      where prior_district_id is not null and prior_district_id <> district_id
        and created_grade is not null and grade > created_grade
    ),
    revisit_years as (
      select *,
        poisson4(
          exp(ln(1.2) + eff_isp + propensity
            + case when grade >= 9 and not isp_sustained then -2.0 else 0 end
            + case when grade >= 9 and coach then 0.6 else 0 end),
          u(hash(i, school_year), 'revisits')) as k
      from plan_years
      where created_grade is not null and grade >= 8 and grade > created_grade
    ),
    revisits as (
      select i, student_id, school_year, grade, district_id, school_id,
        make_date(school_year - 1, 9, 1) + floor(u(hash(i, school_year, n), 'revisit_day') * 260)::int as event_date,
        case when u(hash(i, school_year, n), 'revisit_kind') < 0.55 then 'revised' else 'reviewed' end as event,
        coach, n + 1 as seq
      from revisit_years, range(k) t(n)
    ),
    events as (
      select * from created union all select * from moved union all select * from revisits
    )
    select e.*,
      case
        when e.grade >= 9 and e.coach and u(hash(e.i, e.school_year, e.seq), 'role') < 0.45 then 'career_coach'
        when u(hash(e.i, e.school_year, e.seq), 'role2') < 0.72 then 'counselor'
        when u(hash(e.i, e.school_year, e.seq), 'role2') < 0.93 then 'teacher'
        else 'other' end as staff_role,
      u(hash(e.i, e.school_year, e.seq), 'parent') < sigmoid(-1.3 + 0.3 * p.z - 0.3 * p.econ::int + 0.5 * (e.grade <= 8)::int) as parent_participated,
      -- the cluster as the plan system writes it: its name, or for a third of events a code
      -- (lower case, words joined by _) that the warehouse reads as the same cluster
      case when u(hash(e.i, e.school_year, e.seq), 'spelling') < 0.3
        then trim(regexp_replace(lower(c.cluster), '[^a-z0-9]+', '_', 'g'), '_') else c.cluster end as career_cluster,
      p.postsecondary_goal,
      case when e.grade >= 9 then
        case when p.postsecondary_goal = 'four_year' and p.z > 0.8 then 'distinguished_academic'
             when p.postsecondary_goal = 'four_year' then 'academic'
             when p.postsecondary_goal in ('two_year', 'certificate', 'apprenticeship') then 'career_technical'
             else 'traditional' end end as endorsement
    from events e join plan_students p using (i),
      -- a revisit sometimes changes the cluster
      lateral (select case when u(hash(e.i, e.school_year, e.seq), 'recluster') < 0.15
        then ([${clusters}])[(1 + floor(u(hash(e.i, e.school_year, e.seq), 'cl') * ${CAREER_CLUSTERS.length}))::int]
        else p.career_cluster end as cluster) c;
  `);
}
