// Options of `pathways generate`, validated once at the edge.
import { z } from "zod";

export const GenerateOptions = z
  .object({
    students: z.number().int().min(100).max(20_000_000).default(350_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    firstClass: z.number().int().min(2000).max(2040).default(2016),
    lastClass: z.number().int().min(2000).max(2040).default(2025),
    out: z.string().min(1),
    /**
     * Grades the students extract holds: "7-12" (from grade 7, or the grade a student arrived in),
     * or "K-12" as state extracts come (pre-K to 12 for students in the state since kindergarten).
     */
    grades: z.enum(["7-12", "K-12"]).default("7-12"),
    /**
     * Districts of the synthetic state: 148 as Mississippi has (10 of them charters). Fewer give a
     * smaller state of the same make-up, for tests whose point is not the state's size.
     */
    districts: z.number().int().min(8).max(148).default(148),
    /** DuckDB memory limit for the generator; it spills to disk beyond it. */
    memoryLimit: z.string().default("2GB"),
  })
  .refine((o) => o.lastClass >= o.firstClass, {
    message: "--classes must run from an earlier to a later year",
  });

export type GenerateOptions = z.infer<typeof GenerateOptions>;

/** "2016-2025" or "2021" -> [first, last]. */
export function parseClasses(text: string): [number, number] {
  const match = /^(\d{4})(?:\s*-\s*(\d{4}))?$/.exec(text.trim());
  if (!match) throw new Error(`--classes must look like 2016-2025, got "${text}"`);
  const first = Number(match[1]);
  return [first, match[2] ? Number(match[2]) : first];
}

/** The NSC return is "as of" the end of the summer after the last class's first college year. */
export function nscAsOf(o: GenerateOptions): string {
  return `${o.lastClass + 1}-08-31`;
}
