// Students followed from grade 7 (or their first grade in the state) to their exit, and one
// record per student and school year. Demographics follow Mississippi public schools; the
// four-year graduation rate is calibrated per class to the published series.
import type { Db } from "../warehouse/connection.ts";
import { calibrateIntercepts } from "./calibrate.ts";
import type { GenerateOptions } from "./options.ts";
import { type Targets, valuesSql } from "./targets.ts";

export async function createStudents(db: Db, o: GenerateOptions, targets: Targets): Promise<void> {
  const classes = o.lastClass - o.firstClass + 1;
  await db.run(`
    create table students_base as
    with drawn as (
      select
        i,
        -- a 9-digit id, a permutation of i so ids are unique and look like a state id
        lpad(((i * 48271 + ${o.seed} * 7919 + 100000000) % 1000000000)::varchar, 9, '0') as student_id,
        ${o.firstClass} + i % ${classes} as cohort_class,
        u(i, 'entry') as u_entry,
        u(i, 'race') as u_race,
        u(i, 'sex') as u_sex,
        zn(i, 'engagement') as z,
        zn(i, 'plan_propensity') as z_plan,
        u(i, 'district') as u_district,
        u(i, 'charter') as u_charter,
        u(i, 'econ') as u_econ,
        u(i, 'el') as u_el,
        u(i, 'iep') as u_iep,
        u(i, 'transfer_out') as u_out,
        u(i, 'move') as u_move
      from range(${o.students}) t(i)
    ),
    entered as (
      select *,
        case when u_entry < 0.93 then 7 when u_entry < 0.96 then 8 when u_entry < 0.98 then 9
             when u_entry < 0.99 then 10 else 11 end as entry_grade
      from drawn
    ),
    placed as (
      -- 2% of grade-7 entrants start in a charter school; everyone else in a district drawn by size
      select e.*, coalesce(case when e.entry_grade = 7 and e.u_charter < 0.02 then c.district_id end, r.district_id) as first_district_id
      from entered e
      asof join district_draw r on e.u_district >= r.cum
      asof join charter_draw c on (e.u_charter / 0.02) >= c.cum
    )
    select p.*,
      d.charter as first_is_charter,
      d.locale as first_locale,
      case
        when p.u_race < d.black_share then 'black'
        when p.u_race < d.black_share + (1 - d.black_share) * 0.827 then 'white'
        when p.u_race < d.black_share + (1 - d.black_share) * 0.913 then 'hispanic'
        when p.u_race < d.black_share + (1 - d.black_share) * 0.963 then 'two_or_more'
        when p.u_race < d.black_share + (1 - d.black_share) * 0.984 then 'asian'
        when p.u_race < d.black_share + (1 - d.black_share) * 0.996 then 'american_indian'
        else 'pacific_islander' end as race_ethnicity,
      case when p.u_sex < 0.488 then 'F' when p.u_sex < 0.998 then 'M' else 'X' end as sex
    from placed p join districts d on d.district_id = p.first_district_id;

    create table students_attr as
    select s.*,
      sigmoid(0.35 + 0.9 * (race_ethnicity = 'black')::int + 0.6 * (race_ethnicity = 'hispanic')::int
        + 0.55 * d.poverty - 0.35 * z) > u_econ as econ,
      u_el < case race_ethnicity when 'hispanic' then 0.42 when 'asian' then 0.22 else 0.004 end as el,
      -- grade at which an English learner is reclassified (13 = never)
      8 + floor(u(s.i, 'el_exit') * 6)::int as el_exit_grade,
      u_iep < sigmoid(-2.05 - 0.35 * z + 0.25 * (sex = 'M')::int) as iep,
      -- 4% leave the state (removed from the graduation cohort)
      u_out < 0.04 as leaves_state,
      greatest(entry_grade, 8 + floor(u(s.i, 'out_grade') * 4)::int) as out_grade,
      -- in-state moves; charter middle schoolers move to a regular district for high school
      case
        when first_is_charter and not exists (select 1 from district_school_counts c where c.i = d.i and c.n_hs > 0) then 9
        when u_move < 0.09 and 8 + floor(u(s.i, 'move_grade') * 4)::int > entry_grade then 8 + floor(u(s.i, 'move_grade') * 4)::int
      end as move_grade
    from students_base s join districts d on d.district_id = s.first_district_id;

    -- the district a mover goes to: drawn by size, never the one they leave
    create table students_moved as
    with draw as (
      select s.i, r.reg_i from students_attr s asof join district_draw r on u(s.i, 'move_to') >= r.cum
      where s.move_grade is not null
    )
    select d.i, coalesce(nullif(r1.district_id, s.first_district_id), r2.district_id) as moved_to
    from draw d
    join students_attr s on s.i = d.i
    join district_draw r1 on r1.reg_i = d.reg_i
    join district_draw r2 on r2.reg_i = (d.reg_i + 1) % (select count(*) from district_draw);

    create table students_pre as
    select s.*, m.moved_to,
      coalesce(m.moved_to, s.first_district_id) as last_district_id,
      ld.eff_grad as last_eff_grad, ld.eff_ccr as last_eff_ccr, ld.locale as last_locale
    from students_attr s
    left join students_moved m using (i)
    join districts ld on ld.district_id = coalesce(m.moved_to, s.first_district_id);
  `);

  // On-time graduation (regular diploma in the cohort's spring) among students who stay in the state.
  const etaGrad = `(1.0 * s.z - 0.35 * s.econ::int - 0.5 * s.iep::int + s.last_eff_grad - 0.3 * s.el::int
    - 0.2 * (s.move_grade is not null)::int)`;
  await calibrateIntercepts(db, {
    table: "students_pre s",
    group: "s.cohort_class",
    eta: etaGrad,
    targets: valuesSql(targets.gradRate),
    where: "not s.leaves_state",
    out: "cal_grad",
  });
  const etaCcr = `(1.2 * s.z - 0.4 * s.econ::int - 0.6 * s.iep::int - 0.5 * s.el::int + s.last_eff_ccr)`;
  await db.run(`
    create table students as
    with fate as (
      select s.*,
        sigmoid(${etaGrad} + g.a) as p_grad,
        u(s.i, 'grad') as u_grad,
        u(s.i, 'fate') as u_fate,
        ${etaCcr} as eta_ccr
      from students_pre s join cal_grad g on g.g = s.cohort_class
    )
    select *,
      case
        when leaves_state then 'transferred_out'
        when u_grad < p_grad then 'on_time'
        when iep and u_fate < 0.45 then 'alternate'
        when u_fate < 0.30 then 'late'
        when u_fate < 0.40 then 'other'
        else 'dropout' end as fate
    from fate;
  `);
  await calibrateIntercepts(db, {
    table: "students s",
    group: "s.cohort_class",
    eta: "s.eta_ccr",
    targets: [...targets.gradRate.keys()].map((c) => `(${c}, ${targets.ccrMet / 100})`).join(", "),
    where: "s.fate = 'on_time'",
    out: "cal_ccr",
  });
  await db.run(`
    create or replace table students as
    select s.*,
      -- on-time graduates in the class year; late graduates one year later (retained in grade 9)
      case when fate = 'late' then cohort_class + 1 else cohort_class end as exit_class,
      case fate
        when 'dropout' then greatest(entry_grade, 9 + floor(u(i, 'dropout_grade') * 4)::int)
        when 'transferred_out' then out_grade
        else 12 end as exit_grade,
      u(i, 'ccr') < sigmoid(s.eta_ccr + c.a) as ccr_met,
      -- diploma date: most in late May; some in summer; a few mid-year the December before
      case when fate in ('on_time', 'late', 'alternate') then
        case
          when u(i, 'diploma_when') < 0.015 then make_date(cohort_class + (fate = 'late')::int - 1, 12, 12 + floor(u(i, 'dd') * 8)::int)
          when u(i, 'diploma_when') < 0.055 then make_date(cohort_class + (fate = 'late')::int, 7, 10 + floor(u(i, 'dd') * 20)::int)
          else make_date(cohort_class + (fate = 'late')::int, 5, 16 + floor(u(i, 'dd') * 14)::int)
        end end as diploma_date
    from students s join cal_ccr c on c.g = s.cohort_class;
  `);
  await createStudentYears(db, o);
}

async function createStudentYears(db: Db, o: GenerateOptions): Promise<void> {
  await db.run(`
    create table student_years as
    with spans as (
      select *,
        cohort_class - 12 + entry_grade as first_year,
        -- one extra year for the retained (late) graduates
        exit_grade - entry_grade + 1 + (fate = 'late')::int as n_years
      from students
    ),
    years as (
      select s.*, unnest(range(s.n_years)) as j from spans s
    ),
    graded as (
      select *,
        first_year + j as school_year,
        -- a late graduate repeats grade 9 (or their first grade here, if they arrived later)
        case when fate = 'late' and entry_grade + j > greatest(9, entry_grade) then entry_grade + j - 1
             else entry_grade + j end as grade,
        j = n_years - 1 as is_last_year
      from years
    ),
    windowed as (
      -- the data runs to the last class's school year; later records do not exist yet
      select *, is_last_year or school_year = ${o.lastClass} as is_final_record
      from graded where school_year <= ${o.lastClass}
    ),
    located as (
      select w.*,
        case when w.move_grade is not null and w.grade >= w.move_grade then w.moved_to else w.first_district_id end as district_id,
        w.move_grade is not null and w.grade = w.move_grade - 1
          and not (w.fate = 'late' and w.grade = greatest(9, w.entry_grade)
                   and w.school_year = w.first_year + greatest(9, w.entry_grade) - w.entry_grade) as leaves_district_after
      from windowed w
    )
    select
      l.i, l.student_id, l.school_year, l.district_id, l.grade,
      coalesce(
        case when l.grade >= 9 then h.school_id end,
        m.school_id,
        h.school_id
      ) as school_id,
      -- race as recorded: 3% of students have one year recorded differently
      case when u(l.i, 'race_slip') < 0.03 and l.j = floor(u(l.i, 'race_slip_year') * l.n_years)::int
        then case l.race_ethnicity when 'hispanic' then 'white' when 'two_or_more' then 'black' else 'two_or_more' end
        else l.race_ethnicity end as race_ethnicity,
      l.sex,
      case when u(hash(l.i, l.j), 'econ_flip') < 0.03 then not l.econ else l.econ end as econ_disadvantaged,
      l.el and l.grade < l.el_exit_grade as english_learner,
      l.iep and not (l.grade >= 10 and u(l.i, 'iep_exit') < 0.12) as iep,
      case
        when not l.is_final_record then case when l.leaves_district_after then 'transferred_in_state' else 'enrolled' end
        when not l.is_last_year then 'enrolled'
        when l.fate in ('on_time', 'late', 'alternate') then 'graduated'
        when l.fate = 'transferred_out' then 'transferred_out'
        when l.fate = 'dropout' then 'dropped_out'
        else 'other' end as exit_code,
      case when l.is_last_year and l.is_final_record and l.fate in ('on_time', 'late', 'alternate') then l.diploma_date end as diploma_date,
      case when l.is_last_year and l.is_final_record and l.fate in ('on_time', 'late') then 'regular'
           when l.is_last_year and l.is_final_record and l.fate = 'alternate' then 'alternate' end as diploma_type,
      case when l.is_last_year and l.is_final_record and l.fate in ('on_time', 'late') then l.ccr_met end as ccr_met,
      case when l.grade = 11 and u(l.i, 'took_act') < 0.93 then
        least(36, greatest(9, round(18.2 + 3.4 * (l.eta_ccr / 1.6) + 2.2 * zn(l.i, 'act'))))::int end as act_composite,
      l.days_enrolled,
      -- absences follow engagement (and poverty, an IEP): the attendance a pre-treatment model can see
      round(l.days_enrolled * sigmoid(-2.75 - 0.45 * l.z + 0.3 * l.econ::int + 0.25 * l.iep::int
        + 0.5 * zn(hash(l.i, l.school_year), 'absent')), 1) as days_absent
    from (
      select *,
        -- a student who leaves during the year is enrolled part of it; a few start late
        case when is_final_record and is_last_year and fate in ('dropout', 'transferred_out') then 60 + floor(u(i, 'left_day') * 110)::int
             else 180 - (u(hash(i, school_year), 'late_start') < 0.06)::int * floor(u(hash(i, school_year), 'late_days') * 30)::int
        end as days_enrolled
      from located
    ) l
    left join high_school_index h on h.district_id = l.district_id and h.k = hash(l.i, l.district_id, 'hs') % h.n
    left join middle_school_index m on m.district_id = l.district_id and m.k = hash(l.i, l.district_id, 'ms') % m.n;
  `);
}
