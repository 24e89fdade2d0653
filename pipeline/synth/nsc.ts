// The NSC StudentTracker for High Schools detail return, in its exact 23-column layout.
// One return per graduating class; header spellings vary between returns as they do in the
// wild; graduates who attended two high schools can come back under both codes.
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

export function headerVariantFor(gradClass: number): string {
  const names = Object.keys(NSC_HEADER_VARIANTS);
  return names[gradClass % names.length] as string;
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
          'MECHANICAL ENGINEERING','COMPUTER SCIENCE','CRIMINAL JUSTICE','ACCOUNTING','AGRICULTURE','WELDING TECHNOLOGY'])[(1 + hash(d.i, 'major') % 12)::int]
      from ps_degrees d
    )
    select r.*, c.college_name, c.state as college_state, c.level, c.control,
      row_number() over (partition by r.i order by r.sort_date, r.kind, r.college_code) as college_sequence
    from (select * from enrollment_rows union all select * from degree_rows) r
    join (select distinct college_code, college_name, state, level, control from colleges) c using (college_code);

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
      s.submission, coalesce(f.college_sequence, 0) as seq
    from nsc_submissions s
    join students st using (i)
    left join nsc_found f using (i);
  `);
}
