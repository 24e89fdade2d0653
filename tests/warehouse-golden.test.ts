// Golden fixture for the warehouse: twelve hand-made students whose indicators are worked out
// by hand below (the comments show the arithmetic). Built with min_n = 2 so that suppression
// and complementary suppression can be seen on a dozen students.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { exampleParams, findExample, runQuery } from "../pipeline/warehouse/query.ts";
import { NSC_CANONICAL } from "./helpers/duck.ts";
import { land, query, scratch, write } from "./helpers/landing.ts";

// Districts: 3021 (rural; middle school 3021-002, high school 3021-004 with a career coach) and
// 4010 (city; middle school 4010-003, high school 4010-008 without one).
type Year = [year: number, grade: number, school: string, extra?: Partial<Record<string, string>>];
interface Student {
  id: string;
  race: string;
  sex: string;
  econ?: string;
  iep?: string;
  years: Year[];
}

const STUDENTS: Student[] = [
  // G01: grades 7-12 in 3021, plan revised every year 8-12, parent in grade 10; enrolled 4-year
  // in state, returned under two high-school codes; again in the second year.
  {
    id: "G01",
    race: "black",
    sex: "F",
    econ: "Y",
    years: [
      [2018, 7, "3021-002"],
      [2019, 8, "3021-002"],
      [2020, 9, "3021-004"],
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2023-05-20", diploma_type: "regular", ccr_met: "Y" },
      ],
    ],
  },
  // G02: race tie (hispanic 2020, 2022; white 2021, 2023): most recent wins -> white. Not found in NSC.
  {
    id: "G02",
    race: "hispanic",
    sex: "M",
    years: [
      [2020, 9, "3021-004"],
      [2021, 10, "3021-004", { race_ethnicity: "white" }],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        {
          race_ethnicity: "white",
          exit_code: "graduated",
          diploma_date: "2023-06-01",
          diploma_type: "regular",
          ccr_met: "N",
        },
      ],
    ],
  },
  // G03: first seen in grade 10 (2021): mapped back to the grade-9 cohort of 2020. No plan. Only a W row.
  {
    id: "G03",
    race: "white",
    sex: "F",
    years: [
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2023-05-20", diploma_type: "regular", ccr_met: "Y" },
      ],
    ],
  },
  // G04: IEP every year (exempt from the ISP), no plan; enrolled less-than-2-year (L) in state.
  {
    id: "G04",
    race: "black",
    sex: "M",
    iep: "Y",
    years: [
      [2018, 7, "3021-002"],
      [2019, 8, "3021-002"],
      [2020, 9, "3021-004"],
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2023-05-20", diploma_type: "regular", ccr_met: "N" },
      ],
    ],
  },
  // G05: moves 3021 -> 4010 in 2021; the plan follows (transferred_in). Private 4-year out of state.
  {
    id: "G05",
    race: "black",
    sex: "F",
    years: [
      [2018, 7, "3021-002"],
      [2019, 8, "3021-002"],
      [2020, 9, "3021-004"],
      [2021, 10, "4010-008"],
      [2022, 11, "4010-008"],
      [
        2023,
        12,
        "4010-008",
        { exit_code: "graduated", diploma_date: "2023-05-25", diploma_type: "regular", ccr_met: "Y" },
      ],
    ],
  },
  // G06: moves 4010 -> 3021 in 2021; a new plan is created there. Starts college Oct 5 (fall yes, Oct 1 no).
  {
    id: "G06",
    race: "white",
    sex: "M",
    econ: "Y",
    years: [
      [2018, 7, "4010-003"],
      [2019, 8, "4010-003"],
      [2020, 9, "4010-008"],
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2023-05-20", diploma_type: "regular", ccr_met: "N" },
      ],
    ],
  },
  // G07: drops out in 2022.
  {
    id: "G07",
    race: "black",
    sex: "M",
    econ: "Y",
    years: [
      [2018, 7, "3021-002"],
      [2019, 8, "3021-002"],
      [2020, 9, "3021-004"],
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004", { exit_code: "dropped_out" }],
    ],
  },
  // G08: plan created only in grade 8; leaves the state in 2021 (out of the graduation cohort).
  {
    id: "G08",
    race: "white",
    sex: "F",
    years: [
      [2018, 7, "4010-003"],
      [2019, 8, "4010-003"],
      [2020, 9, "4010-008"],
      [2021, 10, "4010-008", { exit_code: "transferred_out" }],
    ],
  },
  // G09: an alternate diploma is not graduation.
  {
    id: "G09",
    race: "black",
    sex: "F",
    iep: "Y",
    years: [
      [2020, 9, "3021-004"],
      [2021, 10, "3021-004"],
      [2022, 11, "3021-004"],
      [
        2023,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2023-05-20", diploma_type: "alternate" },
      ],
    ],
  },
  // G10, G11: class of 2017. G10 earns a certificate, then a bachelor's (a degree within six years);
  // G11 only a certificate.
  {
    id: "G10",
    race: "white",
    sex: "F",
    years: [
      [2014, 9, "3021-004"],
      [2015, 10, "3021-004"],
      [2016, 11, "3021-004"],
      [
        2017,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2017-05-20", diploma_type: "regular", ccr_met: "Y" },
      ],
    ],
  },
  {
    id: "G11",
    race: "black",
    sex: "M",
    econ: "Y",
    years: [
      [2014, 9, "3021-004"],
      [2015, 10, "3021-004"],
      [2016, 11, "3021-004"],
      [
        2017,
        12,
        "3021-004",
        { exit_code: "graduated", diploma_date: "2017-05-20", diploma_type: "regular", ccr_met: "N" },
      ],
    ],
  },
  // G12: grades 7-12 in 4010, plan reviewed every year, parent in grade 9; 4-year in state, blank status.
  {
    id: "G12",
    race: "hispanic",
    sex: "F",
    econ: "Y",
    years: [
      [2018, 7, "4010-003"],
      [2019, 8, "4010-003"],
      [2020, 9, "4010-008"],
      [2021, 10, "4010-008"],
      [2022, 11, "4010-008"],
      [
        2023,
        12,
        "4010-008",
        { exit_code: "graduated", diploma_date: "2023-05-25", diploma_type: "regular", ccr_met: "Y" },
      ],
    ],
  },
];

const STUDENT_COLUMNS = [
  "student_id",
  "school_year",
  "district_id",
  "school_id",
  "grade",
  "race_ethnicity",
  "sex",
  "econ_disadvantaged",
  "english_learner",
  "iep",
  "exit_code",
  "diploma_date",
  "diploma_type",
  "ccr_met",
];

function studentsCsv(): string {
  const lines = [STUDENT_COLUMNS.join(",")];
  for (const s of STUDENTS) {
    for (const [year, grade, school, extra = {}] of s.years) {
      const row: Record<string, string> = {
        student_id: s.id,
        school_year: String(year),
        district_id: school.slice(0, 4),
        school_id: school,
        grade: String(grade),
        race_ethnicity: s.race,
        sex: s.sex,
        econ_disadvantaged: s.econ ?? "N",
        english_learner: "N",
        iep: s.iep ?? "N",
        exit_code: "enrolled",
        ...extra,
      };
      lines.push(STUDENT_COLUMNS.map((c) => row[c] ?? "").join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}

// ISP events: student, date, school, grade, event, parent participated, postsecondary goal, career
// cluster (free text) and endorsement (each if stated).
// Latest stated goals of the class of 2023: G01 four_year (two_year before), G02 four_year (a later
// event states none), G05 two_year (four_year before), G06 military (undecided before); G12 none
// stated; G03 and G04 have no plan.
// Latest clusters: G01 "Health Science" (stem before) and G05 "health_science": the same code,
// health_science, 2 graduates; G02 "welding" and G06 "WELDING": welding, 2, a free-text value
// published under its own name; G12 "cosmetology": 1 graduate (G07's "Cosmetology" is not a
// graduate's), so under min_n = 2 it is published as other.
// Latest endorsements: G01 distinguished_academic, G02 career_technical, G05 academic (traditional
// before), G12 career_technical; G06 none stated.
const PLANS: [string, string, string, number, string, string, string?, string?, string?][] = [
  ["G01", "2017-10-02", "3021-002", 7, "created", "N", "two_year", "stem"],
  ["G01", "2018-11-05", "3021-002", 8, "revised", "N"],
  ["G01", "2019-10-01", "3021-004", 9, "revised", "N"],
  ["G01", "2020-10-01", "3021-004", 10, "revised", "Y"],
  ["G01", "2021-10-01", "3021-004", 11, "revised", "N"],
  [
    "G01",
    "2022-10-03",
    "3021-004",
    12,
    "revised",
    "N",
    "four_year",
    "Health Science",
    "distinguished_academic",
  ],
  ["G02", "2018-12-01", "3021-002", 8, "created", "N", "four_year", "welding", "career_technical"],
  ["G02", "2019-10-01", "3021-004", 9, "revised", "N"],
  ["G02", "2020-10-01", "3021-004", 10, "revised", "N"],
  ["G02", "2021-02-01", "3021-004", 10, "reviewed", "N"],
  ["G02", "2022-11-01", "3021-004", 12, "revised", "N"],
  ["G05", "2017-11-01", "3021-002", 7, "created", "N", "four_year", "", "traditional"],
  ["G05", "2018-10-01", "3021-002", 8, "revised", "Y"],
  ["G05", "2020-09-01", "4010-008", 10, "transferred_in", "N"],
  ["G05", "2021-10-01", "4010-008", 11, "revised", "N"],
  ["G05", "2022-10-01", "4010-008", 12, "reviewed", "N", "two_year", "health_science", "academic"],
  ["G06", "2018-03-01", "4010-003", 7, "created", "N", "undecided"],
  ["G06", "2020-10-01", "3021-004", 10, "created", "N"],
  ["G06", "2022-01-15", "3021-004", 11, "reviewed", "N"],
  ["G06", "2023-02-01", "3021-004", 12, "revised", "N", "military", "WELDING"],
  ["G07", "2018-01-10", "3021-002", 7, "created", "N", "", "Cosmetology"],
  ["G08", "2018-09-15", "4010-003", 8, "created", "N"],
  ["G12", "2017-09-20", "4010-003", 7, "created", "N"],
  ["G12", "2018-09-20", "4010-003", 8, "reviewed", "N"],
  ["G12", "2019-09-20", "4010-008", 9, "reviewed", "Y"],
  ["G12", "2020-09-20", "4010-008", 10, "reviewed", "N"],
  ["G12", "2021-09-20", "4010-008", 11, "reviewed", "N"],
  ["G12", "2022-09-20", "4010-008", 12, "reviewed", "N", "", "cosmetology", "career_technical"],
];

function plansCsv(): string {
  const header =
    "student_id,event_date,district_id,school_id,grade,event,staff_role,parent_participated,postsecondary_goal,career_cluster,endorsement";
  const rows = PLANS.map(([id, date, school, grade, event, parent, goal, cluster, endorsement]) =>
    [
      id,
      date,
      school.slice(0, 4),
      school,
      grade,
      event,
      "counselor",
      parent,
      goal ?? "",
      cluster ?? "",
      endorsement ?? "",
    ].join(","),
  );
  return `${[header, ...rows].join("\n")}\n`;
}

// NSC detail rows: id, found, high-school code, college, state, level, control, begin, end,
// status, graduated, graduation date, degree title.
type Nsc = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const NSC: Nsc[] = [
  ["G01", "Y", "250001", "002423-00", "MS", "4", "Public", "20230821", "20231215", "F", "N", "", ""],
  ["G01", "Y", "250009", "002423-00", "MS", "4", "Public", "20230821", "20231215", "F", "N", "", ""], // second code
  ["G01", "Y", "250001", "002423-00", "MS", "4", "Public", "20240108", "20240510", "F", "N", "", ""],
  ["G01", "Y", "250001", "002423-00", "MS", "4", "Public", "20240819", "20241213", "F", "N", "", ""],
  ["G01", "Y", "250001", "002423-00", "MS", "4", "Public", "20250818", "20251212", "F", "N", "", ""],
  ["G02", "N", "250001", "", "", "", "", "", "", "", "", "", ""],
  ["G03", "Y", "250001", "002440-00", "MS", "4", "Public", "20230821", "20230910", "W", "N", "", ""],
  ["G04", "Y", "250001", "004022-00", "MS", "L", "Public", "20230901", "20231215", "L", "N", "", ""],
  ["G05", "Y", "250077", "001234-00", "AL", "4", "Private", "20230825", "20231215", "F", "N", "", ""],
  ["G05", "Y", "250077", "001234-00", "AL", "4", "Private", "20250106", "20250509", "F", "N", "", ""],
  ["G06", "Y", "250001", "002404-00", "MS", "2", "Public", "20231005", "20231215", "F", "N", "", ""],
  ["G12", "Y", "250077", "002423-00", "MS", "4", "Public", "20230823", "20231215", "", "N", "", ""], // G01's college
  ["G10", "Y", "250001", "002440-00", "MS", "4", "Public", "20170821", "20171215", "F", "N", "", ""],
  ["G10", "Y", "250001", "002440-00", "MS", "4", "Public", "20180108", "20180504", "F", "N", "", ""], // summer off: no break
  ["G10", "Y", "250001", "002440-00", "MS", "4", "Public", "20180820", "20181214", "F", "N", "", ""],
  ["G10", "Y", "250001", "002440-00", "MS", "", "", "", "", "", "Y", "20180510", "CERTIFICATE IN WELDING"],
  ["G10", "Y", "250001", "002440-00", "MS", "", "", "", "", "", "Y", "20210510", "BACHELOR OF SCIENCE"],
  ["G11", "Y", "250001", "002404-00", "MS", "2", "Public", "20170821", "20171215", "F", "N", "", ""],
  ["G11", "Y", "250001", "002404-00", "MS", "", "", "", "", "", "Y", "20180510", "CERTIFICATE"],
  // back after 612 days away, at a 4-year college, before the end of his third year (Aug 14 2020)
  ["G11", "Y", "250001", "002440-00", "MS", "4", "Public", "20190819", "20191213", "F", "N", "", ""],
];

function nscCsv(): string {
  const rows = NSC.map(
    ([id, found, hs, code, state, level, control, begin, end, status, grad, gdate, title]) => {
      const r: Record<string, string> = {
        YOUR_UNIQUE_IDENTIFIER: id,
        "RECORD_FOUND_Y/N": found,
        HIGH_SCHOOL_CODE: hs,
        HIGH_SCHOOL_GRAD_DATE: "20230520",
        "COLLEGE_CODE/BRANCH": code,
        COLLEGE_NAME: code ? `COLLEGE ${code}` : "",
        COLLEGE_STATE: state,
        "2-YEAR/4-YEAR": level,
        "PUBLIC/PRIVATE": control,
        ENROLLMENT_BEGIN: begin,
        ENROLLMENT_END: end,
        ENROLLMENT_STATUS: status,
        GRADUATED: grad,
        GRADUATION_DATE: gdate,
        DEGREE_TITLE: title,
      };
      return NSC_CANONICAL.map((c) => r[c] ?? "").join(",");
    },
  );
  return `${[NSC_CANONICAL.join(","), ...rows].join("\n")}\n`;
}

const DISTRICTS =
  "district_id,name,nces_leaid,locale,county\n3021,Golden Rural District,2800001,rural,Alpha\n4010,Golden City District,2800002,city,Beta\n";
const SCHOOLS =
  "school_id,district_id,name,has_career_coach\n3021-002,3021,Rural Middle,N\n3021-004,3021,Rural High,Y\n4010-003,4010,City Middle,N\n4010-008,4010,City High,N\n";
const ACCOUNTABILITY = [
  "level,entity_id,school_year,grad_rate,ccr_rate",
  "district,3021,2023,90,25", // flagged: 90 > 75 and 25 < 30; gap 65
  "district,4010,2023,70,20", // not: 70 is not above 75
  "district,5020,2023,72,", // no CCR rate published: neither flagged nor counted among the rated
  "school,3021-004,2023,88,28", // flagged
  "school,4010-008,2023,80,40", // not: 40 is not below 30
].join("\n");
const ATTAINMENT = [
  "year,attainment_pct,definition,age_band,source,population_25_64",
  "2018,35.4,degree,25-64,ACS,1502860",
  "2020,45.2,credential,25-64,MEAC,",
  "2025,48.7,credential,25-64,MEAC,",
].join("\n");
// the goals arrive as a file of their own, through the landing store like every input
const GOALS = [
  "goal_year,attainment_pct,definition,age_band,source",
  "2030,55,credential,25-64,MEAC",
  "2035,60,credential,25-64,MEAC",
].join("\n");

type Cell = {
  indicator: string;
  level: string;
  entity_id: string;
  cohort: number;
  subgroup_type: string;
  subgroup: string;
  numerator: number;
  denominator: number;
  value: number;
  suppressed: boolean;
  suppression_reason: string | null;
  note: string | null;
};
let warehouse: string;
let cells: Map<string, Cell>;

/** One cell of marts.indicators (state level, subgroup all unless given). */
function cell(
  indicator: string,
  cohort: number,
  where: { level?: string; entity?: string; type?: string; subgroup?: string } = {},
) {
  const level = where.level ?? "state";
  const key = [
    indicator,
    level,
    where.entity ?? "MS",
    cohort,
    where.type ?? "all",
    where.subgroup ?? "all",
  ].join("|");
  return cells.get(key);
}
const counts = (c: Cell | undefined) => (c ? [c.numerator, c.denominator] : undefined);

beforeAll(async () => {
  const dir = scratch("warehouse-golden");
  const landing = path.join(dir, "landing.duckdb");
  warehouse = path.join(dir, "pathways.duckdb");
  const files = [
    write(dir, "students.csv", studentsCsv()),
    write(dir, "plans.csv", plansCsv()),
    write(dir, "nsc_detail.csv", nscCsv()),
    write(dir, "districts.csv", DISTRICTS),
    write(dir, "schools.csv", SCHOOLS),
    write(dir, "accountability.csv", ACCOUNTABILITY),
    write(dir, "attainment.csv", ATTAINMENT),
    write(dir, "goals.csv", GOALS),
  ];
  const landed = await land(landing, files);
  for (const f of landed.files) expect(f.rowsRejected, f.file).toBe(0);
  await buildWarehouse({ target: warehouse, landing, settings: { min_n: 2 } });
  const rows = await query<Cell>(
    warehouse,
    `select indicator, level, entity_id, cohort::int as cohort, subgroup_type, subgroup, numerator::double as numerator,
       denominator::double as denominator, value, suppressed, suppression_reason, note from marts.indicators`,
  );
  cells = new Map(
    rows.map((r) => [
      [r.indicator, r.level, r.entity_id, r.cohort, r.subgroup_type, r.subgroup].join("|"),
      r,
    ]),
  );
}, 120_000);

describe("golden warehouse: student attributes", () => {
  it("applies the decision rules: modal race with the latest on a tie, ever flags, back-mapped cohort, class window", async () => {
    const rows = await query<Record<string, unknown>>(
      warehouse,
      `select s.race_ethnicity, s.cohort_grade9::int as cohort_grade9, s.grad_class::int as grad_class, s.graduated,
         s.iep_grade7, s.left_state, s.districts_attended::int as districts
       from core.dim_student as s order by s.student_key`,
    );
    expect(rows).toHaveLength(12);
    // keys are HMACs, so find students by their attributes
    const byRace = rows.map((r) => r.race_ethnicity).sort();
    // G02's tie (2 hispanic, 2 white) goes to white, the most recent: 5 white in all (G02, G03, G06, G08, G10)
    expect(byRace.filter((r) => r === "white")).toHaveLength(5);
    expect(byRace.filter((r) => r === "hispanic")).toHaveLength(1);
    // G03 first seen in grade 10 in 2021 -> cohort 2020; nobody has a 2021 grade-9 cohort
    expect(rows.filter((r) => r.cohort_grade9 === 2020)).toHaveLength(10);
    expect(rows.filter((r) => r.cohort_grade9 === 2014)).toHaveLength(2);
    // graduates: 7 of class 2023, 2 of class 2017; G09's alternate diploma is not graduation
    expect(rows.filter((r) => r.graduated && r.grad_class === 2023)).toHaveLength(7);
    expect(rows.filter((r) => r.graduated && r.grad_class === 2017)).toHaveLength(2);
    expect(rows.filter((r) => r.iep_grade7)).toHaveLength(1); // G04
    expect(rows.filter((r) => r.left_state)).toHaveLength(1); // G08
    expect(rows.filter((r) => r.districts === 2)).toHaveLength(2); // G05, G06
  });

  it("keeps a student returned under two high-school codes once", async () => {
    const [row] = await query<{ n: number }>(
      warehouse,
      "select count(*)::int as n from core.fact_ps_enrollment where enrollment_begin = date '2023-08-21' and college_code = '002423-00'",
    );
    expect(row?.n).toBe(1);
  });
});

describe("golden warehouse: postsecondary, class of 2023 (7 graduates: G01 G02 G03 G04 G05 G06 G12)", () => {
  it("counts fall enrollment: G01, G04 (L), G05, G06 (Oct 5), G12; not G02 (not found) or G03 (W only)", () => {
    expect(counts(cell("ps_enrolled_fall", 2023))).toEqual([5, 7]);
  });
  it("counts Oct-1 enrollment: G01, G04 (status L), G05, G12 (blank status); not G06, who starts Oct 5", () => {
    expect(counts(cell("ps_enrolled_oct1", 2023))).toEqual([4, 7]);
  });
  it("counts first-year enrollment and the fall splits by the first fall college", () => {
    expect(counts(cell("ps_enrolled_first_year", 2023))).toEqual([5, 7]);
    expect(counts(cell("ps_enrolled_fall_4yr", 2023))).toEqual([3, 7]); // G01, G05, G12
    expect(counts(cell("ps_enrolled_fall_2yr", 2023))).toEqual([2, 7]); // G04 (L), G06
    expect(counts(cell("ps_enrolled_fall_in_state", 2023))).toEqual([4, 7]); // G01, G04, G06, G12
    expect(counts(cell("ps_enrolled_fall_out_of_state", 2023))).toEqual([1, 7]); // G05 (AL)
    expect(counts(cell("ps_enrolled_fall_public", 2023))).toEqual([4, 7]); // G05's college is private
  });
  it("counts persistence among first-year enrollees once the returns reach the second year (Aug 2025 here)", () => {
    expect(counts(cell("ps_persisted", 2023))).toEqual([2, 5]); // G01 (fall 2024), G05 (spring 2025)
  });
  it("has no six-year completion for a class not six years old", () => {
    expect(cell("ps_completed_6yr", 2023)).toBeUndefined();
  });
  it("counts readiness among graduates: G01, G03, G05, G12", () => {
    expect(counts(cell("ccr_met_rate", 2023))).toEqual([4, 7]);
  });
});

describe("golden warehouse: what the plans said and what happened, class of 2023", () => {
  it("meets a four-year goal: G01 (4-year in the fall); not G02 (not found)", () => {
    expect(counts(cell("ps_goal_four_year_met", 2023))).toEqual([1, 2]);
  });
  it("counts summer melt among the college-intending: G02 of G01, G02 (four-year) and G05 (two-year)", () => {
    expect(counts(cell("ps_summer_melt", 2023))).toEqual([1, 3]);
  });
  it("counts no college enrollment among those planning work or service: G06 (military) enrolled", () => {
    expect(counts(cell("ps_goal_work_no_college", 2023))).toEqual([0, 1]);
  });
  it("publishes fall enrollment by the plan's goal for the state and districts, not schools", () => {
    const byGoal = (goal: string) =>
      counts(cell("ps_enrolled_fall", 2023, { type: "postsecondary_goal", subgroup: goal }));
    expect(byGoal("four_year")).toEqual([1, 2]); // G01 yes, G02 no
    expect(byGoal("two_year")).toEqual([1, 1]); // G05
    expect(byGoal("military")).toEqual([1, 1]); // G06
    expect(byGoal("not_stated")).toEqual([1, 1]); // G12
    expect(byGoal("no_plan")).toEqual([1, 2]); // G03 no, G04 yes
    expect(
      counts(
        cell("ps_enrolled_fall", 2023, {
          level: "district",
          entity: "4010",
          type: "postsecondary_goal",
          subgroup: "two_year",
        }),
      ),
    ).toEqual([1, 1]); // G05 graduated in 4010
    expect(
      cell("ps_enrolled_fall", 2023, {
        level: "school",
        entity: "4010-008",
        type: "postsecondary_goal",
        subgroup: "two_year",
      }),
    ).toBeUndefined();
  });
  it("shows a goal-met cell exactly when the same graduates' cell under the goal group is shown (one relation)", () => {
    // four-year goal met in 4010 is G05's district: no four_year goal there; in 3021: G01, G02
    for (const where of [{}, { level: "district", entity: "3021" }]) {
      const met = cell("ps_goal_four_year_met", 2023, where);
      const same = cell("ps_enrolled_fall_4yr", 2023, {
        ...where,
        type: "postsecondary_goal",
        subgroup: "four_year",
      });
      expect(counts(met)).toEqual(counts(same));
      expect([met?.suppressed, met?.suppression_reason]).toEqual([
        same?.suppressed,
        same?.suppression_reason,
      ]);
    }
  });
  it("counts graduates by the plan's latest career cluster, as codes, a rare free-text value as other", () => {
    // the readiness denominators are the class's graduates, so they are the choices' distribution
    const byCluster = (cluster: string, indicator = "ccr_met_rate", where = {}) =>
      counts(cell(indicator, 2023, { ...where, type: "career_cluster", subgroup: cluster }));
    expect(byCluster("health_science")).toEqual([2, 2]); // G01, G05: both ready
    expect(byCluster("welding")).toEqual([0, 2]); // G02, G06: neither ready
    expect(byCluster("other")).toEqual([1, 1]); // G12's cosmetology
    expect(byCluster("no_plan")).toEqual([1, 2]); // G03 ready, G04 not
    expect(byCluster("stem")).toBeUndefined(); // G01's earlier cluster is not the latest
    expect(byCluster("not_stated")).toBeUndefined();
    expect(byCluster("cosmetology")).toBeUndefined();
    // fall enrollment by cluster: G01, G05 | G06 of G02, G06 | G12 | G04 of G03, G04
    expect(byCluster("health_science", "ps_enrolled_fall")).toEqual([2, 2]);
    expect(byCluster("welding", "ps_enrolled_fall")).toEqual([1, 2]);
    expect(byCluster("other", "ps_enrolled_fall")).toEqual([1, 1]);
    expect(byCluster("no_plan", "ps_enrolled_fall")).toEqual([1, 2]);
    // districts: G05 and G12 graduated in 4010, the others in 3021; no school cells
    expect(byCluster("health_science", "ccr_met_rate", { level: "district", entity: "4010" })).toEqual([
      1, 1,
    ]);
    expect(byCluster("other", "ccr_met_rate", { level: "district", entity: "4010" })).toEqual([1, 1]);
    expect(byCluster("welding", "ccr_met_rate", { level: "district", entity: "3021" })).toEqual([0, 2]);
    expect(
      byCluster("health_science", "ccr_met_rate", { level: "school", entity: "4010-008" }),
    ).toBeUndefined();
    // only the two indicators carry the choices
    expect(byCluster("health_science", "ps_enrolled_first_year")).toBeUndefined();
  });
  it("counts graduates by the plan's latest endorsement, not_stated for a plan without one", () => {
    const byEndorsement = (e: string, indicator = "ccr_met_rate") =>
      counts(cell(indicator, 2023, { type: "endorsement", subgroup: e }));
    expect(byEndorsement("distinguished_academic")).toEqual([1, 1]); // G01
    expect(byEndorsement("career_technical")).toEqual([1, 2]); // G02 not ready, G12 ready
    expect(byEndorsement("academic")).toEqual([1, 1]); // G05 (traditional before)
    expect(byEndorsement("not_stated")).toEqual([0, 1]); // G06
    expect(byEndorsement("no_plan")).toEqual([1, 2]);
    expect(byEndorsement("traditional")).toBeUndefined();
    expect(byEndorsement("not_stated", "ps_enrolled_fall")).toEqual([1, 1]); // G06 enrolled
  });
  it("names a published free-text cluster from its code and keeps the named clusters' labels", async () => {
    const rows = await query<{ subgroup: string; label: string }>(
      warehouse,
      "select subgroup, label from marts.subgroup_catalog where subgroup_type = 'career_cluster' order by subgroup",
    );
    const labels = new Map(rows.map((r) => [r.subgroup, r.label]));
    expect(labels.get("welding")).toBe("Welding");
    expect(labels.get("health_science")).toBe("Health science");
    expect(labels.has("cosmetology")).toBe(false);
    expect(rows).toHaveLength(16 + 3 + 1); // the named clusters, other, not_stated, no_plan, welding
  });
  it("counts completers with a regular diploma: the seven graduates of 8 (G09's is alternate), by IEP", () => {
    expect(counts(cell("regular_diploma_share", 2023))).toEqual([7, 8]);
    expect(counts(cell("regular_diploma_share", 2023, { type: "iep", subgroup: "yes" }))).toEqual([1, 2]); // G04, G09
    expect(counts(cell("regular_diploma_share", 2023, { type: "iep", subgroup: "no" }))).toEqual([6, 6]);
    expect(counts(cell("regular_diploma_share", 2017))).toEqual([2, 2]); // G10, G11
  });
});

describe("golden warehouse: class of 2017 (G10, G11)", () => {
  it("counts a degree but not a certificate within six years", () => {
    expect(counts(cell("ps_completed_6yr", 2017))).toEqual([1, 2]);
    expect(counts(cell("ps_persisted", 2017))).toEqual([1, 2]); // G10 returns in fall 2018
    expect(counts(cell("ps_enrolled_fall", 2017))).toEqual([2, 2]);
  });
});

describe("golden warehouse: after high school, class of 2017 (returns reach Aug 2025: three and six years observed)", () => {
  it("splits six-year completion by time to the first degree: G10's bachelor in May 2021 is in years 3-4", () => {
    expect(counts(cell("ps_degree_within_2yr", 2017))).toEqual([0, 2]); // certificates are not degrees
    expect(counts(cell("ps_degree_in_years_3_4", 2017))).toEqual([1, 2]);
    expect(counts(cell("ps_degree_in_years_5_6", 2017))).toEqual([0, 2]);
  });
  it("counts switching between levels among each level's fall starters, within three years", () => {
    expect(counts(cell("ps_switched_to_4yr", 2017))).toEqual([1, 1]); // G11: 2-year, then 4-year in Aug 2019
    expect(counts(cell("ps_switched_to_2yr", 2017))).toEqual([0, 1]); // G10 stays at his 4-year college
  });
  it("counts a break longer than a summer before any credential as a stop-out, and a later term as a return", () => {
    // G10: Dec 15 -> Jan 8 and May 4 -> Aug 20 (108 days) are no breaks; after Dec 2018 he holds a certificate.
    // G11: Dec 15 2017 -> Aug 19 2019 (612 days) before his certificate of May 2018: stopped out, came back.
    expect(counts(cell("ps_stopped_out", 2017))).toEqual([1, 2]);
    expect(counts(cell("ps_returned", 2017))).toEqual([1, 1]);
  });
  it("has no three-year paths for the class of 2023, whose third year the returns do not reach", () => {
    for (const indicator of ["ps_switched_to_4yr", "ps_stopped_out", "ps_returned"])
      expect(cell(indicator, 2023)).toBeUndefined();
  });
  it("pads a chained indicator with an empty row wherever the indicator counting its denominator has one", () => {
    // ps_persisted counts first-year enrollees; in 3021 the IEP group of 2023 (G04) enrolled, so the
    // row is real; the 2017 class in 4010 does not exist, so no row; every padded row is empty
    const padded = [...cells.values()].filter(
      (c) => c.denominator === 0 && ["ps_persisted", "ps_stopped_out", "ps_returned"].includes(c.indicator),
    );
    expect(padded.length).toBeGreaterThan(0);
    for (const c of padded) {
      expect([c.numerator, c.value, c.suppressed]).toEqual([0, null, true]);
      const parent = {
        ps_persisted: "ps_enrolled_first_year",
        ps_stopped_out: "ps_enrolled_fall",
        ps_returned: "ps_stopped_out",
      }[c.indicator] as string;
      const up = cell(parent, c.cohort, {
        level: c.level,
        entity: c.entity_id,
        type: c.subgroup_type,
        subgroup: c.subgroup,
      });
      expect(up?.numerator, `${c.indicator} ${c.level} ${c.subgroup}`).toBe(0);
    }
  });
});

describe("golden warehouse: where the fall enrollees went (colleges)", () => {
  it("lists a college with at least min_n entrants and all other colleges, each with second-year enrollment", async () => {
    const rows = await query<{
      level: string;
      cohort: number;
      college_code: string;
      entrants: number;
      second_year: number;
    }>(
      warehouse,
      `select level, cohort::int as cohort, college_code, entrants::int as entrants, second_year::int as second_year
       from marts.college_destinations order by level, cohort, rank nulls last`,
    );
    // class of 2023: G01 and G12 at 002423 (G01 enrolled again in fall 2024); G04, G05, G06 elsewhere
    // (G05 again in spring 2025). No district and no 2017 college has two entrants.
    expect(rows).toEqual([
      { level: "state", cohort: 2023, college_code: "002423-00", entrants: 2, second_year: 1 },
      { level: "state", cohort: 2023, college_code: "other", entrants: 3, second_year: 1 },
    ]);
    // the entrants add up to the class's fall enrollees
    expect(counts(cell("ps_enrolled_fall", 2023))?.[0]).toBe(5);
  });
});

describe("golden warehouse: ISP follow-through", () => {
  it("counts plans created by the end of grade 7 among non-IEP grade-7 students, the exempt separately", () => {
    // grade 7 in 2018: G01, G05, G06 (Mar 2018), G07, G12 created in time; G08 only in grade 8; G04 exempt
    expect(counts(cell("isp_by_grade7", 2018))).toEqual([5, 6]);
    expect(counts(cell("isp_by_grade7", 2018, { type: "iep", subgroup: "no" }))).toEqual([5, 6]);
    expect(counts(cell("isp_by_grade7", 2018, { type: "iep", subgroup: "yes" }))).toEqual([0, 1]);
  });
  it("counts graduates revisited every year and parent input among graduates with a plan", () => {
    // graduates with a plan: G01, G02, G05, G06, G12. Every year: G01, G12. Parent in 9-12: G01 (10), G12 (9); G05's was in grade 8
    expect(counts(cell("isp_revisited_every_year", 2023))).toEqual([2, 5]);
    expect(counts(cell("isp_parent_input", 2023))).toEqual([2, 5]);
    expect(cell("isp_revisited_every_year", 2017)).toBeUndefined(); // no graduate of 2017 has a plan
    // by the plan's revisions: parent input among G01, G12 (every year) 2 of 2; among G02 G05 G06 0 of 3.
    // Revisited every year is not shown within its own groups (2 of 2 and 0 of 3 by definition)
    const byBand = (indicator: string, band: string) =>
      cell(indicator, 2023, { type: "isp_revision_band", subgroup: band });
    expect(counts(byBand("isp_parent_input", "every_year"))).toEqual([2, 2]);
    expect(counts(byBand("isp_parent_input", "not_every_year"))).toEqual([0, 3]);
    expect(byBand("isp_revisited_every_year", "every_year")).toBeUndefined();
    expect(byBand("isp_revisited_every_year", "not_every_year")).toBeUndefined();
    expect(counts(byBand("isp_revisited_every_year", "5+"))).toEqual([2, 2]); // G01, G12 (G02 has 3-4)
    // readiness (G01 G03 G05 G12 met it) by the same groups: every year G01 G12 2 of 2; not every
    // year G02 G05 G06 1 of 3; the class of 2017 (G10, G11, no plan) has the two rows, empty, so
    // that a missing row never says the group is empty
    expect(counts(byBand("ccr_met_rate", "every_year"))).toEqual([2, 2]);
    expect(counts(byBand("ccr_met_rate", "not_every_year"))).toEqual([1, 3]);
    for (const band of ["every_year", "not_every_year"])
      expect(counts(cell("ccr_met_rate", 2017, { type: "isp_revision_band", subgroup: band }))).toEqual([
        0, 0,
      ]);
  });
  it("counts revisions per student-year, leaving out IEP years without a plan", () => {
    // 2022-23, grades 8-12: G01 G02 G03 G05 G06 G12 = 6 student-years (G04 and G09 have an IEP and no
    // plan: exempt); one revision each for G01 G02 G05 G06 G12, none for G03
    expect(counts(cell("isp_revisions_per_year", 2023))).toEqual([5, 6]);
  });
  it("counts transfer continuity in the district moved into", () => {
    // G05 (plan transferred into 4010) and G06 (new plan created in 3021), both moving in 2020-21
    expect(counts(cell("isp_transfer_continuity", 2021))).toEqual([1, 2]);
    expect(counts(cell("isp_transfer_continuity", 2021, { level: "district", entity: "4010" }))).toEqual([
      1, 1,
    ]);
    expect(counts(cell("isp_transfer_continuity", 2021, { level: "district", entity: "3021" }))).toEqual([
      0, 1,
    ]);
  });
  it("counts the four-year cohort without the student who left the state", () => {
    // cohort 2020 (+3 = 2023): all but G08 = 9; on time: the 7 graduates; not G07 (dropped out), G09 (alternate)
    expect(counts(cell("cohort_grad_4yr", 2023))).toEqual([7, 9]);
    expect(counts(cell("cohort_grad_4yr", 2017))).toEqual([2, 2]);
  });
});

describe("golden warehouse: levels, subgroups and suppression (min_n = 2)", () => {
  it("counts districts and schools where the students graduated", () => {
    expect(counts(cell("ps_enrolled_fall", 2023, { level: "district", entity: "3021" }))).toEqual([3, 5]);
    expect(counts(cell("ps_enrolled_fall", 2023, { level: "school", entity: "3021-004" }))).toEqual([3, 5]);
    // 4010: G05 and G12 both enrolled: 100% discloses each student's outcome (2 students: too few for a band)
    expect(cell("ps_enrolled_fall", 2023, { level: "district", entity: "4010" })).toMatchObject({
      suppressed: true,
      suppression_reason: "extreme",
    });
  });
  it("publishes locale for the state only and career coach for the state and districts (below, a group is an entity's all cell)", () => {
    // class of 2023: 3021 (rural) graduated G01 G02 G03 G04 G06, enrolled G01 G04 G06; 4010 (city) G05 G12, both enrolled
    const byLocale = (locale: string, level = "state", entity?: string) =>
      cell("ps_enrolled_fall", 2023, { level, entity, type: "locale", subgroup: locale });
    expect(counts(byLocale("rural"))).toEqual([3, 5]);
    expect(counts(byLocale("city"))).toEqual([2, 2]);
    // a district's locale cell would be its all cell: the state's is the sum of its districts' all cells
    expect(byLocale("rural", "district", "3021")).toBeUndefined();
    expect(byLocale("rural", "school", "3021-004")).toBeUndefined();
    // 3021-004 (Rural High) has a coach: its five graduates are district 3021's coach group
    const coach = (level: string, entity: string) =>
      cell("ps_enrolled_fall", 2023, { level, entity, type: "career_coach", subgroup: "yes" });
    expect(counts(coach("district", "3021"))).toEqual([3, 5]);
    expect(coach("school", "3021-004")).toBeUndefined();
  });
  it("names each district's locale and each school's coach group in marts.entity_groups", async () => {
    const rows = await query<{ level: string; entity_id: string; subgroup_type: string; subgroup: string }>(
      warehouse,
      "select level, entity_id, subgroup_type, subgroup from marts.entity_groups order by all",
    );
    expect(rows.map((r) => `${r.level} ${r.entity_id} ${r.subgroup_type}=${r.subgroup}`)).toEqual([
      "district 3021 locale=rural",
      "district 4010 locale=city",
      // known from the accountability file only: no locale on record
      "district 5020 locale=unknown",
      "school 3021-002 career_coach=no",
      "school 3021-004 career_coach=yes",
      "school 4010-003 career_coach=no",
      "school 4010-008 career_coach=no",
    ]);
  });
  it("publishes the revision-band table by group for the state, and for districts for all graduates only", async () => {
    // class of 2023, district 3021 (G01 5+ enrolled, G02 3-4 no, G03 no plan no, G04 no plan yes,
    // G06 1-2 yes): all graduates by band; no district row by sex or any other group
    const rows = await query<{ level: string; subgroup_type: string; band: string; n: string }>(
      warehouse,
      `select level, subgroup_type, revision_band as band, enrolled_fall || ' of ' || graduates as n
       from marts.enrollment_by_revision_band where cohort = 2023 and (level = 'district' and entity_id = '3021'
         or level = 'state' and subgroup_type = 'sex' and subgroup = 'F')
       order by level, subgroup_type, band`,
    );
    const district = rows.filter((r) => r.level === "district");
    expect(new Set(district.map((r) => r.subgroup_type))).toEqual(new Set(["all"]));
    expect(Object.fromEntries(district.map((r) => [r.band, r.n]))).toMatchObject({
      "1-2": "1 of 1",
      "3-4": "0 of 1",
      "5+": "1 of 1",
      no_isp: "1 of 2",
    });
    expect(rows.some((r) => r.level === "state" && r.subgroup_type === "sex")).toBe(true);
  });
  it("bands graduates by revisions and suppresses one-student and 0%/100% cells", () => {
    const band = (b: string) => cell("ps_enrolled_fall", 2023, { type: "isp_revision_band", subgroup: b });
    expect(counts(band("no_isp"))).toEqual([1, 2]); // G03 no, G04 yes
    expect(counts(band("3-4"))).toEqual([1, 2]); // G02 (4 revisions) no, G05 (3) yes
    expect(band("5+")).toMatchObject({ numerator: 2, denominator: 2, suppression_reason: "extreme" }); // G01, G12: 100%
    expect(band("1-2")).toMatchObject({ numerator: 1, denominator: 1, suppression_reason: "small" }); // G06 alone
  });
  it("hides a second term of every sum that would give a hidden cell away (complementary)", () => {
    const band = (b: string) => cell("ps_enrolled_fall", 2023, { type: "isp_revision_band", subgroup: b });
    // every_year is 2 of 2 (G01, G12): hidden. The state's 5 of 7 = no ISP + every year + not every
    // year would give it away, so one more is hidden: no ISP (1 of 2), the smaller. Its copies
    // (no_plan under the goal, the career cluster and the endorsement) sit in the sums of those
    // types too, beside hidden cells of their own (health_science 2 of 2, other 1 of 1, ...), so
    // not every year's numerator (2 of 3) is hidden as well; its denominator stays shown.
    expect(band("every_year")).toMatchObject({ numerator: 2, denominator: 2, suppression_reason: "extreme" });
    expect(band("no_isp")).toMatchObject({ suppressed: true, suppression_reason: "complementary" });
    expect(band("not_every_year")).toMatchObject({ numerator: 2, denominator: 3, suppressed: true });
    expect(band("not_every_year")?.suppression_reason).toBe("complementary");
    // 3-4 (1 of 2) is hidden as a complement as well: both its district cells hold one student
    // (3021: G02, 4010: G05), and it sits in the same sums as the hidden bands
    expect(band("3-4")).toMatchObject({ suppressed: true, suppression_reason: "complementary" });
  });
  it("shows graduates without a plan alike under every group type that has them (one group, four names)", () => {
    // no_isp (revision band) and no_plan (goal, cluster, endorsement) are the same graduates, G03
    // and G04: a copy shown beside a hidden one would give it away (before the relation was
    // declared, readiness showed no_plan 1 of 2 under the goal while no_isp was hidden)
    for (const indicator of ["ps_enrolled_fall", "ccr_met_rate"])
      for (const where of [{}, { level: "district", entity: "3021" }]) {
        const head = cell(indicator, 2023, { ...where, type: "isp_revision_band", subgroup: "no_isp" });
        expect(counts(head)).toEqual([1, 2]);
        for (const type of ["postsecondary_goal", "career_cluster", "endorsement"]) {
          const copy = cell(indicator, 2023, { ...where, type, subgroup: "no_plan" });
          expect([indicator, type, counts(copy), copy?.suppressed]).toEqual([
            indicator,
            type,
            [1, 2],
            head?.suppressed,
          ]);
        }
      }
  });
  it("counts race by the decision rule and suppresses a 0% cell", () => {
    // white graduates of 2023: G02 (by the tie rule), G03, G06; only G06 enrolled in the fall
    expect(counts(cell("ps_enrolled_fall", 2023, { type: "race_ethnicity", subgroup: "white" }))).toEqual([
      1, 3,
    ]);
    // none of them was enrolled on Oct 1 (G06 started Oct 5): 0% discloses each one's outcome
    expect(cell("ps_enrolled_oct1", 2023, { type: "race_ethnicity", subgroup: "white" })).toMatchObject({
      numerator: 0,
      denominator: 3,
      suppressed: true,
      suppression_reason: "extreme",
    });
    // G12 is the only hispanic graduate left
    expect(cell("ps_enrolled_fall", 2023, { type: "race_ethnicity", subgroup: "hispanic" })).toMatchObject({
      denominator: 1,
      suppressed: true,
    });
  });
});

describe("golden warehouse: accountability and attainment", () => {
  it("flags high graduation with low CCR per district and school and counts them for the state", () => {
    expect(cell("high_grad_low_ccr", 2023, { level: "district", entity: "3021" })?.value).toBe(1);
    expect(cell("high_grad_low_ccr", 2023, { level: "district", entity: "4010" })?.value).toBe(0);
    expect(counts(cell("high_grad_low_ccr", 2023))).toEqual([1, 2]);
    expect(counts(cell("high_grad_low_ccr_schools", 2023))).toEqual([1, 2]);
    expect(cell("grad_ccr_gap", 2023, { level: "district", entity: "3021" })?.value).toBe(65);
    expect(cell("grad_rate", 2023, { level: "school", entity: "4010-008" })?.value).toBeCloseTo(0.8, 10);
  });
  it("tracks the goal: pace, the trend's crossing year, and the people gap", () => {
    // pace to 2030: (55 - 48.7) / (2030 - 2025) = 1.26 points a year
    expect(cell("attainment_required_pace", 2030)?.value).toBeCloseTo(1.26, 10);
    // trend through (2020, 45.2) and (2025, 48.7): 0.7 a year; 55 is reached after 14 years, in 2034
    expect(cell("attainment_crossing_year", 2030)?.value).toBe(2034);
    expect(cell("attainment_projection", 2030)?.value).toBeCloseTo(0.522, 10);
    // 60% needs 21.1 years: 2042, after 2040
    expect(cell("attainment_crossing_year", 2035)).toMatchObject({ value: null, note: "not by 2040" });
    // (55 - 48.7)% of the 2018 population 25-64, 1,502,860 = 94,680.18
    expect(cell("attainment_people_gap", 2030)?.value).toBe(94680);
    expect(cell("attainment_degree_pct", 2018)?.value).toBeCloseTo(0.354, 10);
  });
});

describe("golden warehouse: its dictionary and lineage", () => {
  it("describes every column of every table with its own model's or contract's words, nothing borrowed", async () => {
    const missing = await query<{ t: string; c: string }>(
      warehouse,
      `select schema_name || '.' || table_name as t, column_name as c from meta.dictionary
       where coalesce(description, '') = '' or documented_in is null`,
    );
    expect(missing).toEqual([]);
    // a model's columns are documented in that model's own file; a staging table's may be its kind's contract
    const borrowed = await query<{ t: string; c: string; documented_in: string }>(
      warehouse,
      `select d.schema_name || '.' || d.table_name as t, d.column_name as c, d.documented_in
       from meta.dictionary as d
       join (select distinct table_name, model_file from meta.lineage) as l
         on l.table_name = d.schema_name || '.' || d.table_name
       where d.column_name is not null and d.documented_in <> l.model_file
         and not (d.schema_name = 'staging' and d.documented_in = 'input contract (' || replace(d.table_name, 'stg_', '') || ')')`,
    );
    expect(borrowed).toEqual([]);
    const described = async (t: string, c: string) =>
      (
        await query<{ description: string }>(
          warehouse,
          `select description from meta.dictionary where schema_name || '.' || table_name = '${t}' and column_name = '${c}'`,
        )
      )[0]?.description;
    // the two descriptions a newcomer found borrowed from other tables, and wrong
    expect(await described("core.fact_student_year", "grade")).toMatch(/^grade level as a number/);
    expect(await described("core.fact_ps_enrollment", "level")).toMatch(/4 \(4-year\), 2 \(2-year\) or L/);
  });

  it("records each table's upstream tables, derived from its SQL", async () => {
    const up = await query<{ upstream_table: string; upstream_kind: string }>(
      warehouse,
      "select upstream_table, upstream_kind from meta.lineage where table_name = 'marts.student_outcomes' order by 1",
    );
    // the joins of dim_district and dim_school the hand-kept sources: header had lost
    expect(up.map((r) => r.upstream_table)).toEqual([
      "core.dim_district",
      "core.dim_school",
      "core.dim_student",
      "core.fact_ps_enrollment",
      "marts.student_plans",
      "staging.stg_nsc",
    ]);
    const [row] = await query<{ upstream: string }>(
      warehouse,
      "select upstream from meta.dictionary where table_name = 'stg_goals' and column_name is null",
    );
    expect(row?.upstream).toBe("landing.meta.files, landing.raw.goals");
  });
});

describe("golden warehouse: the parameterized example a README walk-through follows", () => {
  it("returns one district's cell for a group, bound as values, with a clear error for a missing one", async () => {
    const example = findExample("district_indicator_by_group");
    expect(example.params.map((p) => p.name)).toEqual(["district", "cohort", "indicator"]);
    const run = (given: Record<string, string>) =>
      runQuery(warehouse, example.sql, { params: exampleParams(example, given) });
    const result = await run({ district: "3021", cohort: "2023" });
    const black = result.rows.find((r) => r.subgroup_type === "race_ethnicity" && r.subgroup === "black");
    // the same cell as marts.indicators holds (checked by hand above): 2 of 2 black graduates of 3021 enrolled
    const cellNow = cell("ps_enrolled_fall", 2023, {
      level: "district",
      entity: "3021",
      type: "race_ethnicity",
      subgroup: "black",
    });
    // counts arrive as JSON text (DuckDB's 128-bit sums)
    expect([Number(black?.numerator), Number(black?.denominator), black?.published]).toEqual([
      cellNow?.numerator,
      cellNow?.denominator,
      "suppressed",
    ]);
    const all = result.rows.find((r) => r.subgroup_type === "all");
    expect([Number(all?.numerator), Number(all?.denominator)]).toEqual([3, 5]);
    // another indicator by name; a value that tries to be SQL is only a value
    expect(
      (await run({ district: "3021", cohort: "2023", indicator: "ccr_met_rate" })).rows.length,
    ).toBeGreaterThan(0);
    expect((await run({ district: "3021' or '1' = '1", cohort: "2023" })).rows).toEqual([]);
    expect(() => exampleParams(example, { district: "3021" })).toThrow(/needs cohort/);
    expect(() => exampleParams(example, { district: "3021", cohort: "2023", year: "1" })).toThrow(
      /has no parameter year/,
    );
  });
});
