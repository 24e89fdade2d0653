// State assessment results in grades 7 and 8 (MAAP-like: a scale score from G01 to G99 for grade G,
// and five achievement levels). Scores measure the same latent engagement that drives plan
// revisits, readiness and enrollment, with error, so an adjusted comparison can see most of the
// confounding but not all of it. About 3% of enrolled students are not tested in a year, and
// students with an IEP sometimes take the alternate assessment (no scale score here).
import type { Db } from "../warehouse/connection.ts";

/** How the latent engagement reaches a subject's score: theta = LOADING * z + ERROR * e. */
export const SCORE_MODEL = { loading: 0.97, error: 0.25, mean: 45, sd: 18 } as const;

/** Lower bounds of levels 2-5 within a grade's hundred (a score of G38 or more is level 3). */
export const LEVEL_CUTS = [25, 38, 50, 65] as const;
export const LEVEL_NAMES = ["Minimal", "Basic", "Passing", "Proficient", "Advanced"] as const;

export async function createAssessments(db: Db): Promise<void> {
  const m = SCORE_MODEL;
  await db.run(`
    create table assessments as
    with tested as (
      select y.i, y.student_id, y.school_year, y.grade, y.district_id, y.school_id, s.z, subject
      from student_years y join students s using (i), (values ('math'), ('ela')) t(subject)
      where y.grade in (7, 8)
        and u(hash(y.i, y.school_year), 'tested') < 0.97
        and not (y.iep and u(y.i, 'alternate_assessment') < 0.1)
    ),
    scored as (
      select *, ${m.loading} * z + ${m.error} * zn(hash(i, grade, subject), 'score_error') as theta from tested
    )
    select *,
      least(grade * 100 + 99, greatest(grade * 100 + 1, round(grade * 100 + ${m.mean} + ${m.sd} * theta)))::int as scale_score,
      least(60, greatest(0, round(32 + 9 * theta)))::int as raw_score
    from scored;
    create table assessments_leveled as
    select *,
      1 + ${LEVEL_CUTS.map((c) => `(scale_score - grade * 100 >= ${c})::int`).join(" + ")} as achievement_level
    from assessments;
    drop table assessments;
    alter table assessments_leveled rename to assessments;
  `);
}
