// Districts, schools and colleges of the synthetic state.
// 148 districts (138 regular, 10 charters), 229 regular high schools plus 4 charter high
// schools (233 with grade 12), career coaches in about 79% of high schools, mostly rural; a
// smaller state (option districts) keeps these proportions.
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import { OTHER_STATES, PLACE_WORDS, placeNames } from "./names.ts";

const STATE = {
  regularDistricts: 138,
  charters: 10,
  charterHighSchools: 4,
  highSchools: 229,
  middleSchools: 190,
};
type Shape = typeof STATE;

/** The state's make-up for `districts` districts: Mississippi's at 148, scaled down below it. */
function shapeFor(districts: number): Shape {
  if (districts >= 148) return STATE;
  const f = districts / 148;
  const charters = Math.max(2, Math.round(STATE.charters * f));
  const regularDistricts = districts - charters;
  return {
    regularDistricts,
    charters,
    charterHighSchools: Math.max(1, Math.round(STATE.charterHighSchools * f)),
    highSchools: Math.max(regularDistricts, Math.round(STATE.highSchools * f)),
    middleSchools: Math.max(regularDistricts, Math.round(STATE.middleSchools * f)),
  };
}

const list = (xs: string[]) => xs.map((x, i) => `(${i}, ${sqlString(x)})`).join(", ");

export async function createOrgs(db: Db, districts = 148): Promise<void> {
  const {
    regularDistricts: REGULAR_DISTRICTS,
    charters: CHARTERS,
    charterHighSchools: CHARTER_HIGH_SCHOOLS,
    highSchools: REGULAR_HIGH_SCHOOLS,
    middleSchools: REGULAR_MIDDLE_SCHOOLS,
  } = shapeFor(districts);
  await db.run(`
    create table place_names as select * from (values ${list(placeNames())}) v(k, name);
    create table county_words as select * from (values ${list(PLACE_WORDS)}) v(k, word);

    create table districts as
    with picked as (
      select name, row_number() over (order by u(k, 'district.name')) - 1 as i from place_names
      qualify i < ${REGULAR_DISTRICTS + CHARTERS}
    ),
    drawn as (
      select
        i,
        i >= ${REGULAR_DISTRICTS} as charter,
        -- ids in the 9000s: real Mississippi district numbers stop below 8300
        9001 + i as district_id,
        case when i >= ${REGULAR_DISTRICTS}
          then split_part(name, ' ', 1) || ' Collegiate Charter School'
          else name || ' School District' end as name,
        u(i, 'district.locale') as u_locale,
        zn(i, 'district.size') as z_size,
        zn(i, 'district.black') as z_black,
        zn(i, 'district.poverty') as z_poverty,
        zn(i, 'district.grad') as z_grad,
        zn(i, 'district.ccr') as z_ccr,
        zn(i, 'district.enroll') as z_enroll,
        zn(i, 'district.isp') as z_isp,
        u(i, 'district.isp_style') as u_style
      from picked
    ),
    located as (
      select *,
        case
          when charter then 'city'
          when u_locale < 0.54 then 'rural'
          when u_locale < 0.88 then 'town'
          when u_locale < 0.95 then 'suburb'
          else 'city' end as locale
      from drawn
    ),
    shaped as (
      select *,
        case when charter then 0.10 * exp(0.3 * z_size)
          else exp(0.8 * z_size) * case locale when 'city' then 3.5 when 'suburb' then 3.0 when 'town' then 1.3 else 0.8 end
        end as size_weight,
        sigmoid(-0.15 + 1.5 * z_black + case when locale = 'city' or charter then 1.2 else 0 end) as black_share
      from located
    )
    select
      i, district_id, name, charter, locale,
      (select word from county_words where k = hash(i, 'county') % ${PLACE_WORDS.length}) || ' County' as county,
      -- NCES-style id with state code 99: no real agency has it
      '99' || lpad((10000 + i * 37)::varchar, 5, '0') as nces_leaid,
      size_weight,
      black_share,
      0.7 * z_poverty + 1.2 * (black_share - 0.5) as poverty,
      -- district effects on the logit scale
      0.45 * z_grad as eff_grad,
      1.0 * z_ccr - 0.45 * (0.7 * z_poverty + 1.2 * (black_share - 0.5)) as eff_ccr,
      0.25 * z_enroll as eff_enroll,
      0.35 * z_isp as eff_isp,
      -- about a third of districts keep revisiting plans through high school; the rest let them fade after grade 8
      u_style < 0.35 as isp_sustained
    from shaped;

    -- largest-remainder allocation of extra schools to big districts
    create table district_school_counts as
    with regular as (
      select i, size_weight / sum(size_weight) over () as share from districts where not charter
    ),
    quotas as (
      select i,
        ${REGULAR_HIGH_SCHOOLS - REGULAR_DISTRICTS} * share as q_hs,
        ${REGULAR_MIDDLE_SCHOOLS - REGULAR_DISTRICTS} * share as q_ms
      from regular
    ),
    ranked as (
      select *,
        row_number() over (order by q_hs - floor(q_hs) desc, i) as r_hs,
        row_number() over (order by q_ms - floor(q_ms) desc, i) as r_ms,
        ${REGULAR_HIGH_SCHOOLS - REGULAR_DISTRICTS} - sum(floor(q_hs)) over () as left_hs,
        ${REGULAR_MIDDLE_SCHOOLS - REGULAR_DISTRICTS} - sum(floor(q_ms)) over () as left_ms
      from quotas
    )
    select i,
      (1 + floor(q_hs) + (r_hs <= left_hs)::int)::int as n_hs,
      (1 + floor(q_ms) + (r_ms <= left_ms)::int)::int as n_ms
    from ranked
    union all
    -- charters: the first four serve grades 7-12 in one school, the others grades 7-8
    select i, (i < ${REGULAR_DISTRICTS + CHARTER_HIGH_SCHOOLS})::int, 1 from districts where charter;

    create table schools as
    with middle as (
      select d.i as district_i, d.district_id, d.charter, k, 'middle' as level
      from districts d join district_school_counts c using (i), range(c.n_ms) t(k)
      where not d.charter or c.n_hs = 0
    ),
    high as (
      select d.i, d.district_id, d.charter, k, 'high' from districts d join district_school_counts c using (i), range(c.n_hs) t(k)
    ),
    numbered as (
      select *, row_number() over (partition by district_id order by level desc, k) as n from (
        select * from middle union all select * from high
      )
    )
    select
      s.district_id || '-' || lpad((4 * s.n)::varchar, 3, '0') as school_id,
      s.district_id,
      s.level,
      s.k as level_index,
      case
        when s.charter then d.name
        when s.level = 'high' and c.n_hs = 1 then split_part(d.name, ' School District', 1) || ' High School'
        when s.level = 'high' then (['North','South','East','West','Central','Upper','Lower','New','Old','Twin'])[(1 + s.k % 10)::int]
          || ' ' || split_part(d.name, ' School District', 1) || ' High School' || case when s.k >= 10 then ' ' || (s.k // 10 + 1) else '' end
        when c.n_ms = 1 then split_part(d.name, ' School District', 1) || ' Middle School'
        else (['North','South','East','West','Central','Upper','Lower','New','Old','Twin'])[(1 + s.k % 10)::int]
          || ' ' || split_part(d.name, ' School District', 1) || ' Middle School' || case when s.k >= 10 then ' ' || (s.k // 10 + 1) else '' end
      end as name,
      case when s.charter and s.level = 'high' then 7 else case s.level when 'high' then 9 else 7 end end as grade_low,
      case s.level when 'high' then 12 else 8 end as grade_high,
      -- career coaches in about 79% of high schools (184 of 233 in spring 2023)
      case when s.level = 'high' then u(hash(s.district_id, s.n), 'school.coach') < 0.79 end as has_career_coach,
      case when s.level = 'high' then (250000 + 7 * row_number() over (order by s.district_id, s.n))::varchar end as ceeb_code
    from numbered s join districts d on d.district_id = s.district_id join district_school_counts c on c.i = d.i;

    create table high_school_index as
    select district_id, row_number() over (partition by district_id order by school_id) - 1 as k,
      count(*) over (partition by district_id) as n, school_id, has_career_coach, ceeb_code
    from schools where level = 'high';
    create table middle_school_index as
    select district_id, row_number() over (partition by district_id order by school_id) - 1 as k,
      count(*) over (partition by district_id) as n, school_id
    from schools where grade_low = 7;

    -- regular districts with cumulative size weights, for drawing a district by size
    create table district_draw as
    select i, district_id, row_number() over (order by i) - 1 as reg_i,
      coalesce(sum(size_weight) over (order by i rows between unbounded preceding and 1 preceding), 0) / sum(size_weight) over () as cum
    from districts where not charter;
    create table charter_draw as
    select i, district_id, coalesce(sum(size_weight) over (order by i rows between unbounded preceding and 1 preceding), 0) / sum(size_weight) over () as cum
    from districts where charter;
  `);
  await createColleges(db);
}

async function createColleges(db: Db): Promise<void> {
  const states = OTHER_STATES.map((s) => `'${s}'`).join(", ");
  await db.run(`
    -- category: level (4, 2, L) x in/out of state x control; names are invented
    create table colleges as
    with spec(category, level, in_state, control, n, kind) as (values
      ('4_in_public',  '4', true,  'Public',  8,  'State University'),
      ('4_in_private', '4', true,  'Private', 10, 'College'),
      ('2_in_public',  '2', true,  'Public',  15, 'Community College'),
      ('L_in_private', 'L', true,  'Private', 4,  'Technical Institute'),
      ('4_out_public', '4', false, 'Public',  16, 'State University'),
      ('4_out_private','4', false, 'Private', 12, 'University'),
      ('2_out_public', '2', false, 'Public',  6,  'Community College')
    ),
    rows as (
      select spec.*, k, row_number() over (order by category, k) as serial from spec, range(spec.n) t(k)
    )
    select
      category, rows.k, level, control,
      case when in_state then 'MS' else ([${states}])[(1 + hash(category, rows.k) % ${OTHER_STATES.length})::int] end as state,
      -- OPEIDs have leading zeros (Mississippi State is 002423): returns that lose them must still join
      lpad((1000 + serial * 397)::varchar, 6, '0') || '-00' as college_code,
      upper(p.name || ' ' || kind) as college_name
    from rows join place_names p on p.k = (serial * 7) % 320;
  `);
}
