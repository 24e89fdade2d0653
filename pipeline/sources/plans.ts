// `plans`: one Individual Success Plan event.
import { field } from "./fields.ts";
import type { KindSpec } from "./kind.ts";
import { SCHOOL_ID } from "./students.ts";

export const plans: KindSpec = {
  kind: "plans",
  description: "Individual Success Plan events (created, revised, reviewed, transferred in).",
  identity: "student_id",
  key: [],
  period: "min(year(n.event_date))::varchar || '-' || max(year(n.event_date))::varchar",
  fields: [
    field.id("student_id", "State student id (replaced by student_key on landing)", { required: true }),
    field.date("event_date", "Date of the ISP event", { required: true }),
    field.pattern("district_id", "State district number", "^[0-9]{1,4}$", "3021", { required: true }),
    field.pattern("school_id", "School id", SCHOOL_ID, "3021-004", { required: true }),
    field.grade("grade", "Grade level at the event (PK, K, 1-12, UG); ISP indicators use grades 6-12", {
      required: true,
    }),
    field.code("event", "What happened to the plan", ["created", "revised", "reviewed", "transferred_in"], {
      required: true,
    }),
    field.code("staff_role", "Who met with the student", ["counselor", "career_coach", "teacher", "other"]),
    field.flag("parent_participated", "A parent or guardian took part"),
    field.text("career_cluster", "Career cluster chosen", { max: 100 }),
    field.code("postsecondary_goal", "Goal after high school", [
      "four_year",
      "two_year",
      "certificate",
      "apprenticeship",
      "military",
      "workforce",
      "undecided",
    ]),
    field.code("endorsement", "Diploma endorsement sought", [
      "traditional",
      "career_technical",
      "academic",
      "distinguished_academic",
    ]),
  ],
};
