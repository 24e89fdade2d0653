// NSC detail returns, one per graduating class, in the dialects real returns come in: the
// StudentTracker for High Schools layout (23 columns; three header spellings; the 25-column
// variant with Reporting_Year and LEA), spelled levels and controls, US dates and N/A, OPEIDs that
// lost their leading zeros, ids with a trailing underscore, and the 33-column StudentTracker for
// Colleges layout. Graduates who attended two high schools can come back under both codes, and
// some took a college course while still in high school (college sequence 0: dual enrollment).
import type { Db } from "../warehouse/connection.ts";

export const NSC_COLUMNS = [
  "YOUR_UNIQUE_IDENTIFIER",
  "FIRST_NAME",
  "MIDDLE_NAME",
  "LAST_NAME",
  "NAME_SUFFIX",
  "REQUESTER_RETURN_FIELD",
  "RECORD_FOUND_Y/N",
  "HIGH_SCHOOL_CODE",
  "HIGH_SCHOOL_GRAD_DATE",
  "COLLEGE_CODE/BRANCH",
  "COLLEGE_NAME",
  "COLLEGE_STATE",
  "2-YEAR/4-YEAR",
  "PUBLIC/PRIVATE",
  "ENROLLMENT_BEGIN",
  "ENROLLMENT_END",
  "ENROLLMENT_STATUS",
  "GRADUATED",
  "GRADUATION_DATE",
  "DEGREE_TITLE",
  "MAJOR",
  "COLLEGE_SEQUENCE",
  "PROGRAM_CODE",
] as const;

/** Header spellings seen in returns: canonical, title case with spaces, title case with underscores. */
export const NSC_HEADER_VARIANTS: Record<string, readonly string[]> = {
  canonical: NSC_COLUMNS,
  spaced: [
    "Your Unique Identifier",
    "First Name",
    "Middle Name",
    "Last Name",
    "Name Suffix",
    "Requester Return Field",
    "Record Found Y/N",
    "High School Code",
    "High School Grad Date",
    "College Code/Branch",
    "College Name",
    "College State",
    "2-year / 4-year",
    "Public / Private",
    "Enrollment Begin",
    "Enrollment End",
    "Enrollment Status",
    "Graduated?",
    "Graduation Date",
    "Degree Title",
    "Major",
    "College Sequence",
    "Program Code",
  ],
  underscored: [
    "Your_Unique_Identifier",
    "First_Name",
    "Middle_Name",
    "Last_Name",
    "Name_Suffix",
    "Requester_Return_Field",
    "Record_Found_Y/N",
    "High_School_Code",
    "High_School_Grad_Date",
    "College_Code/Branch",
    "College_Name",
    "College_State",
    "2-Year/4-Year",
    "Public/Private",
    "Enrollment_Begin",
    "Enrollment_End",
    "Enrollment_Status",
    "Graduated",
    "Graduation_Date",
    "Degree_Title",
    "Major",
    "College_Sequence",
    "Program_Code",
  ],
};

/** The StudentTracker for Colleges detail layout (33 columns; no high-school code or date). */
export const NSC_COLLEGES_COLUMNS = [
  "Your Unique Identifier",
  "First Name",
  "Middle Initial",
  "Last Name",
  "Name Suffix",
  "Requester Return Field",
  "Record Found Y/N",
  "Search Date",
  "College Code/Branch",
  "College Name",
  "College State",
  "2-year / 4-year",
  "Public / Private",
  "Enrollment Begin",
  "Enrollment End",
  "Enrollment Status",
  "Class Level",
  "Enrollment Major 1",
  "Enrollment CIP 1",
  "Enrollment Major 2",
  "Enrollment CIP 2",
  "Graduated?",
  "Graduation Date",
  "Degree Title",
  "Degree Major 1",
  "Degree CIP 1",
  "Degree Major 2",
  "Degree CIP 2",
  "Degree Major 3",
  "Degree CIP 3",
  "Degree Major 4",
  "Degree CIP 4",
  "College Sequence",
] as const;

/**
 * How each class's return is written. Every dialect the contract accepts is written by some
 * class, so every test run loads all of them.
 */
export interface NscDialect {
  layout: "high_schools" | "high_schools_25" | "colleges";
  header: keyof typeof NSC_HEADER_VARIANTS;
  /** `4-year`, `2-year`, `Less than 2 years`; controls in upper case. */
  spelled: boolean;
  /** MM/DD/YYYY dates and N/A for empty dates. */
  usDates: boolean;
  /** OPEIDs without their leading zeros (5166-00), as a spreadsheet leaves them. */
  lostZeros: boolean;
  /** Some ids come back with a trailing underscore. */
  trailingUnderscore: boolean;
}

const DIALECTS: NscDialect[] = [
  {
    layout: "high_schools",
    header: "canonical",
    spelled: false,
    usDates: false,
    lostZeros: false,
    trailingUnderscore: false,
  },
  {
    layout: "high_schools",
    header: "spaced",
    spelled: true,
    usDates: false,
    lostZeros: false,
    trailingUnderscore: true,
  },
  {
    layout: "high_schools_25",
    header: "underscored",
    spelled: false,
    usDates: true,
    lostZeros: true,
    trailingUnderscore: false,
  },
  {
    layout: "colleges",
    header: "spaced",
    spelled: true,
    usDates: false,
    lostZeros: false,
    trailingUnderscore: true,
  },
  {
    layout: "high_schools",
    header: "underscored",
    spelled: true,
    usDates: true,
    lostZeros: true,
    trailingUnderscore: true,
  },
];

export function dialectFor(gradClass: number): NscDialect {
  return DIALECTS[gradClass % DIALECTS.length] as NscDialect;
}

export async function createNscRows(db: Db): Promise<void> {
  await db.run(`
    -- the high schools a graduate was submitted under: the graduating school, and for half of
    -- those who attended another high school in a different district, that one too
    create table nsc_submissions as
    with other_high_school as (
      select y.i, y.school_id, y.district_id
      from student_years y join graduates g using (i)
      where y.grade >= 9 and y.district_id <> g.district_id
        and exists (select 1 from schools s where s.school_id = y.school_id and s.level = 'high')
      qualify row_number() over (partition by y.i order by y.school_year desc) = 1
    )
    select g.i, g.grad_class, g.diploma_date, g.school_id, h.ceeb_code, g.district_id, 0 as submission
    from graduates g join schools h on h.school_id = g.school_id
    union all
    select g.i, g.grad_class, g.diploma_date, o.school_id, h.ceeb_code, o.district_id, 1
    from graduates g join other_high_school o using (i) join schools h on h.school_id = o.school_id
    where u(g.i, 'two_codes') < 0.5;

    create table nsc_found as
    with enrollment_rows as (
      select t.i, t.college_code, t.enrollment_begin as sort_date, 0 as kind,
        yyyymmdd(t.enrollment_begin) as enrollment_begin, yyyymmdd(t.enrollment_end) as enrollment_end,
        t.status, 'N' as graduated, '' as graduation_date, '' as degree_title, '' as major
      from ps_terms t
    ),
    degree_rows as (
      select d.i, d.college_code, d.graduation_date, 1, '', '', '', 'Y', yyyymmdd(d.graduation_date), d.degree_title,
        (['BIOLOGY','BUSINESS ADMINISTRATION','NURSING','ELEMENTARY EDUCATION','GENERAL STUDIES','PSYCHOLOGY',
          'MECHANICAL ENGINEERING','COMPUTER SCIENCE','CRIMINAL JUSTICE','ACCOUNTING','AGRICULTURE','WELDING TECHNOLOGY'])[(1 + floor(u(d.i, 'major') * 12))::int]
      from ps_degrees d
    )
    select r.*, c.college_name, c.state as college_state, c.level, c.control,
      row_number() over (partition by r.i order by r.sort_date, r.kind, r.college_code) as college_sequence
    from (select * from enrollment_rows union all select * from degree_rows) r
    join (select distinct college_code, college_name, state, level, control from colleges) c using (college_code)
    union all
    -- dual enrollment: 8% of those who went on took a course at an in-state community college in
    -- the fall of their senior year; NSC returns it with college sequence 0
    select g.i, c.college_code, make_date(g.grad_class - 1, 8, 20), 0,
      yyyymmdd(make_date(g.grad_class - 1, 8, 20)), yyyymmdd(make_date(g.grad_class - 1, 12, 12)), 'L', 'N', '', '', '',
      c.college_name, c.state, c.level, c.control, 0
    from graduates g
    join colleges c on c.category = '2_in_public' and c.k = floor(u(g.i, 'dual_college') * 15)
    where u(g.i, 'dual') < 0.08 and exists (select 1 from ps_terms t where t.i = g.i);

    create table nsc_rows as
    select
      s.grad_class,
      st.student_id as "YOUR_UNIQUE_IDENTIFIER",
      synthetic_first_name(s.i) as "FIRST_NAME",
      synthetic_middle_name(s.i) as "MIDDLE_NAME",
      synthetic_last_name(s.i) as "LAST_NAME",
      case when hash(s.i, 'suffix') % 100 = 0 then 'JR' else '' end as "NAME_SUFFIX",
      s.district_id::varchar as "REQUESTER_RETURN_FIELD",
      case when f.i is null then 'N' else 'Y' end as "RECORD_FOUND_Y/N",
      s.ceeb_code as "HIGH_SCHOOL_CODE",
      yyyymmdd(s.diploma_date) as "HIGH_SCHOOL_GRAD_DATE",
      coalesce(f.college_code, '') as "COLLEGE_CODE/BRANCH",
      coalesce(f.college_name, '') as "COLLEGE_NAME",
      coalesce(f.college_state, '') as "COLLEGE_STATE",
      coalesce(f.level, '') as "2-YEAR/4-YEAR",
      coalesce(f.control, '') as "PUBLIC/PRIVATE",
      coalesce(f.enrollment_begin, '') as "ENROLLMENT_BEGIN",
      coalesce(f.enrollment_end, '') as "ENROLLMENT_END",
      coalesce(f.status, '') as "ENROLLMENT_STATUS",
      coalesce(f.graduated, '') as "GRADUATED",
      coalesce(f.graduation_date, '') as "GRADUATION_DATE",
      coalesce(f.degree_title, '') as "DEGREE_TITLE",
      coalesce(f.major, '') as "MAJOR",
      coalesce(f.college_sequence::varchar, '') as "COLLEGE_SEQUENCE",
      case when f.degree_title <> '' then lpad((hash(s.i, 'cip') % 999999)::varchar, 6, '0') else '' end as "PROGRAM_CODE",
      s.submission, coalesce(f.college_sequence, 0) as seq, s.district_id, s.i
    from nsc_submissions s
    join students st using (i)
    left join nsc_found f using (i);
  `);
}
