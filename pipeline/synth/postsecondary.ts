// Graduates' postsecondary paths and the National Student Clearinghouse terms they produce.
// Fall enrollment is calibrated per class to the published series; the structure the
// indicators must recover (ISP follow-through, economic status, race, locale) is in the logit.
import type { Db } from "../warehouse/connection.ts";
import { calibrateIntercepts } from "./calibrate.ts";
import type { GenerateOptions } from "./options.ts";
import { nscAsOf } from "./options.ts";
import { type Targets, valuesSql } from "./targets.ts";

/**
 * Logit coefficients of fall enrollment. `every_year` is the built-in ISP lift, and the only way
 * plans act on enrollment: the number of revisions adds nothing beyond it, so the planted effect of
 * yearly revisits (the answer key's ATT) is the whole effect an estimator can find.
 */
export const ENROLL_MODEL = {
  z: 0.5,
  ccr_met: 0.8,
  econ: -0.75,
  black: -0.1,
  hispanic: -0.2,
  rural: -0.25,
  town: -0.1,
  every_year: 0.45,
  career_coach: 0.15,
  female: 0.3,
  iep: -0.35,
};
const M = ENROLL_MODEL;

export const ENROLL_ETA = `(${M.z} * g.z + ${M.ccr_met} * g.ccr_met::int + ${M.econ} * g.econ_ever::int
  + ${M.black} * (g.race_ethnicity = 'black')::int + ${M.hispanic} * (g.race_ethnicity = 'hispanic')::int
  + ${M.rural} * (g.locale = 'rural')::int + ${M.town} * (g.locale = 'town')::int + g.eff_enroll
  + ${M.every_year} * g.every_year::int
  + ${M.career_coach} * g.career_coach::int + ${M.female} * (g.sex = 'F')::int + ${M.iep} * g.iep_ever::int)`;

export async function createPostsecondary(db: Db, o: GenerateOptions, targets: Targets): Promise<void> {
  await db.run(`
    create table graduates as
    with final as (
      select i, school_year, district_id, school_id, diploma_date
      from student_years where diploma_type = 'regular'
    ),
    flags as (
      select i, bool_or(econ_disadvantaged) as econ_ever, bool_or(iep) as iep_ever,
        count(*) filter (where grade between 8 and 12) as years_8_12
      from student_years group by i
    ),
    revisits as (
      select i, count(*) as revisions, count(distinct school_year) as years_revisited
      from plan_events where event in ('revised', 'reviewed') and grade between 8 and 12 group by i
    ),
    revisited_years_enrolled as (
      -- years in grades 8-12 with a revisit, counted over the years the student was enrolled
      select y.i, count(distinct y.school_year) as n
      from student_years y
      where y.grade between 8 and 12
        and exists (select 1 from plan_events e where e.i = y.i and e.school_year = y.school_year
                    and e.event in ('revised', 'reviewed'))
      group by y.i
    ),
    has_plan as (select distinct i from plan_events)
    select
      s.i, s.student_id, s.z, s.sex, s.race_ethnicity, s.ccr_met, f.diploma_date, f.school_id, f.district_id,
      year(f.diploma_date) + (month(f.diploma_date) >= 9)::int as grad_class,
      fl.econ_ever, fl.iep_ever,
      d.locale, d.eff_enroll, coalesce(h.has_career_coach, false) as career_coach,
      hp.i is not null as has_isp,
      coalesce(r.revisions, 0) as revisions,
      hp.i is not null and coalesce(ry.n, 0) = fl.years_8_12 and fl.years_8_12 > 0 as every_year,
      s.move_grade, s.moved_to, s.first_district_id
    from final f
    join students s using (i)
    join flags fl using (i)
    join districts d on d.district_id = f.district_id
    left join schools h on h.school_id = f.school_id
    left join revisits r using (i)
    left join revisited_years_enrolled ry using (i)
    left join has_plan hp using (i);
  `);

  await calibrateIntercepts(db, {
    table: "graduates g",
    group: "g.grad_class",
    eta: ENROLL_ETA,
    targets: valuesSql(targets.fallEnrollment),
    out: "cal_enroll",
  });

  await db.run(`
    create table ps_paths as
    with p as (
      select g.*, ${ENROLL_ETA} + c.a as eta_fall, sigmoid(${ENROLL_ETA} + c.a) as p_fall,
        -- the same student with the plan revisited every year, and without: the model's own effect
        sigmoid(${ENROLL_ETA} + c.a + ${M.every_year} * (1 - g.every_year::int)) as p_fall_if_every_year,
        sigmoid(${ENROLL_ETA} + c.a - ${M.every_year} * g.every_year::int) as p_fall_if_not_every_year
      from graduates g left join cal_enroll c on c.g = g.grad_class
    ),
    drawn as (
      select *,
        u(i, 'fall') < p_fall as fall,
        u(i, 'spring_start') < 0.10 as u_spring,
        u(i, 'w_only') < 0.03 as u_w,
        u(i, 'level') < sigmoid(-0.4 + 1.1 * ccr_met::int + 0.5 * z - 0.3 * econ_ever::int) as four_year,
        u(i, 'less_than_2') < 0.05 as less_than_2,
        sigmoid(1.0 + 0.5 * z - 0.3 * econ_ever::int + 0.3 * ccr_met::int) as p_second_year
      from p
    ),
    typed as (
      select *,
        fall or (not fall and u_spring) as enrolled,
        not fall and u_spring as spring_start,
        not fall and not u_spring and u_w as w_only,
        case when four_year then '4' when less_than_2 then 'L' else '2' end as level
      from drawn
    ),
    placed as (
      select *,
        case level when '4' then u(i, 'out_state') < 0.22 when '2' then u(i, 'out_state') < 0.03 else false end as out_state,
        u(i, 'control') as u_control
      from typed
    ),
    categorized as (
      select *,
        case
          when level = 'L' then 'L_in_private'
          when level = '2' then case when out_state then '2_out_public' else '2_in_public' end
          when out_state then case when u_control < 0.4 then '4_out_private' else '4_out_public' end
          else case when u_control < 0.2 then '4_in_private' else '4_in_public' end
        end as category,
        u(i, 'y2') < p_second_year as y2,
        u(i, 'y3') < 0.9 as y3, u(i, 'y4') < 0.92 as y4, u(i, 'y5') < 0.3 as y5,
        u(i, 'transfer') < 0.45 as transfers,
        u(i, 'transfer_y2') < 0.85 as transfer_y2
      from placed
    )
    select *,
      case level
        when 'L' then 1
        when '2' then 1 + y2::int
        else 1 + y2::int + (y2 and y3)::int + (y2 and y3 and y4)::int + (y2 and y3 and y4 and y5)::int
      end as first_college_years,
      level = '2' and y2 and transfers as transfer_path,
      case when level = '2' and y2 and transfers then 1 + transfer_y2::int else 0 end as transfer_years,
      case
        when level = '4' and y2 and y3 and y4 and u(i, 'bachelor') < 0.82 then 'bachelor'
        when level = '2' and y2 and u(i, 'associate') < 0.55 then 'associate'
        when level = 'L' and u(i, 'certificate') < 0.5 then 'certificate'
      end as first_degree,
      level = '2' and y2 and transfers and transfer_y2 and u(i, 'transfer_bachelor') < 0.7 as transfer_bachelor,
      u(i, 'fall_shape') as u_fall_shape
    from categorized;

    create table ps_college as
    select p.i, p.category, c.college_code, c.college_name, c.state, c.level, c.control
    from ps_paths p
    join (select category, count(*) as n from colleges group by category) n using (category)
    -- most in-state public entrants go to the college near home (community colleges serve districts;
    -- regional universities draw from around them), the others anywhere in the category
    join colleges c on c.category = p.category and c.k = case
      when p.category = '2_in_public' and u(p.i, 'local') < 0.6 then floor(u(p.district_id, 'local_cc') * n.n)
      when p.category = '4_in_public' and u(p.i, 'local') < 0.35 then floor(u(p.district_id, 'local_univ') * n.n)
      else floor(u(p.i, 'college') * n.n) end
    where p.enrolled or p.w_only;

    create table ps_transfer_college as
    select p.i, c.college_code, c.college_name, c.state, c.level, c.control
    from ps_paths p
    join colleges c on c.category = '4_in_public' and c.k = floor(u(p.i, 'transfer_college') * 8)
    where p.transfer_path;

    -- stopped out after the first year and came back for the third: a 4-year starter half the
    -- time at an in-state community college (a switch from 4-year to 2-year), otherwise where
    -- they started
    create table ps_return as
    select p.i,
      case when p.level = '4' and u(p.i, 'return_2yr') < 0.5 then r.college_code else c.college_code end as college_code
    from ps_paths p
    join ps_college c using (i)
    join colleges r on r.category = '2_in_public'
      and r.k = floor(u(p.i, 'return_college') * (select count(*) from colleges where category = '2_in_public'))
    where p.enrolled and not p.y2 and p.level in ('4', '2')
      and u(p.i, 'stop_return') < case p.level when '4' then 0.3 else 0.2 end;
  `);
  await createTerms(db, o);
}

async function createTerms(db: Db, o: GenerateOptions): Promise<void> {
  const asOf = nscAsOf(o);
  await db.run(`
    create table ps_terms as
    with years as (
      select p.*, unnest(range(p.first_college_years + p.transfer_years)) as y
      from ps_paths p where p.enrolled
    ),
    terms as (
      select y.*, t.term from years y, (values ('fall'), ('spring'), ('summer')) t(term)
      where not (term = 'fall' and y.y = 0 and y.spring_start)
        and not (term = 'summer' and u(hash(y.i, y.y), 'summer') >= 0.12)
    ),
    dated as (
      select *,
        grad_class + y as ay,
        hash(i, y, term) as tk
      from terms
    ),
    shaped as (
      select *,
        case term
          when 'fall' then case when y = 0 and u_fall_shape >= 0.03 and u_fall_shape < 0.05
                                then make_date(ay, 10, 5 + floor(u(tk, 'b') * 15)::int)
                                else make_date(ay, 8, 18 + floor(u(tk, 'b') * 10)::int) end
          when 'spring' then make_date(ay + 1, 1, 8 + floor(u(tk, 'b') * 8)::int)
          else make_date(ay + 1, 6, 2 + floor(u(tk, 'b') * 5)::int) end as enrollment_begin,
        case term
          when 'fall' then case when y = 0 and u_fall_shape < 0.03
                                then make_date(ay, 9, 20 + floor(u(tk, 'e') * 9)::int)
                                else make_date(ay, 12, 8 + floor(u(tk, 'e') * 8)::int) end
          when 'spring' then make_date(ay + 1, 5, 4 + floor(u(tk, 'e') * 10)::int)
          else make_date(ay + 1, 7, 20 + floor(u(tk, 'e') * 8)::int) end as enrollment_end,
        case
          when term = 'spring' and y >= 2 and y = first_college_years + transfer_years - 1
               and first_degree is null and not transfer_bachelor and u(tk, 'w') < 0.3 then 'W'
          when u(tk, 's') < 0.78 then 'F'
          when u(tk, 's') < 0.84 then 'Q'
          when u(tk, 's') < 0.92 then 'H'
          when u(tk, 's') < 0.96 then 'L'
          else '' end as status,
        transfer_path and y >= first_college_years as at_transfer_college
      from dated
    )
    select s.i, s.y, s.term, s.enrollment_begin, s.enrollment_end, s.status,
      coalesce(case when s.at_transfer_college then t.college_code end, c.college_code) as college_code
    from shaped s
    join ps_college c using (i)
    left join ps_transfer_college t using (i)
    where s.enrollment_begin <= date '${asOf}'
    union all
    -- back after a year away: the fall and spring of the third year
    select r.i, 2, t.term, t.enrollment_begin, t.enrollment_end, 'F', r.college_code
    from ps_return r
    join ps_paths p using (i),
      lateral (values ('fall', make_date(p.grad_class + 2, 8, 21), make_date(p.grad_class + 2, 12, 12)),
        ('spring', make_date(p.grad_class + 3, 1, 10), make_date(p.grad_class + 3, 5, 8))) t(term, enrollment_begin, enrollment_end)
    where t.enrollment_begin <= date '${asOf}'
    union all
    -- registered for the fall, then withdrew: a W row that is not enrollment
    select p.i, 0, 'fall', make_date(p.grad_class, 8, 20), make_date(p.grad_class, 9, 12), 'W', c.college_code
    from ps_paths p join ps_college c using (i) where p.w_only;

    create table ps_degrees as
    with d as (
      select i, first_degree as degree,
        case first_degree
          when 'bachelor' then make_date(grad_class + first_college_years, 5, 10)
          when 'associate' then make_date(grad_class + 2, 5, 12)
          else make_date(grad_class + 1, 5, 8) end as graduation_date,
        false as at_transfer
      from ps_paths where enrolled and first_degree is not null
      union all
      select i, 'bachelor', make_date(grad_class + 4, 5, 10), true from ps_paths where transfer_bachelor
    )
    select d.i, d.degree, d.graduation_date,
      coalesce(case when d.at_transfer then t.college_code end, c.college_code) as college_code,
      case d.degree
        when 'bachelor' then case when hash(d.i, 'ba') % 2 = 0 then 'BACHELOR OF SCIENCE' else 'BACHELOR OF ARTS' end
        when 'associate' then case when hash(d.i, 'aa') % 2 = 0 then 'ASSOCIATE OF ARTS' else 'ASSOCIATE OF APPLIED SCIENCE' end
        else 'CERTIFICATE' end as degree_title
    from d join ps_college c using (i) left join ps_transfer_college t using (i)
    where d.graduation_date <= date '${asOf}';
  `);
}
