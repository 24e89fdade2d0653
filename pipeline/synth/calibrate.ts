// Solve for per-group logit intercepts so that the mean modelled probability in each group
// equals its target: Newton's method on a(g) with mean(sigmoid(eta + a)) = t(g), one
// set-based aggregate per iteration.
import type { Db } from "../warehouse/connection.ts";

export async function calibrateIntercepts(
  db: Db,
  opts: {
    /** table with its alias, e.g. "graduates g" */
    table: string;
    /** the grouping expression, e.g. "g.grad_class" */
    group: string;
    eta: string;
    targets: string;
    where?: string;
    out: string;
  },
): Promise<void> {
  const where = opts.where ? `where ${opts.where}` : "";
  await db.run(`
    create or replace table ${opts.out} as
    select g, ln(t / (1 - t)) as a, t from (values ${opts.targets}) v(g, t)`);
  for (let i = 0; i < 8; i++) {
    await db.run(`
      create or replace table ${opts.out} as
      with p as (
        select c.g, c.t, c.a, sigmoid(${opts.eta} + c.a) as p
        from ${opts.table} join ${opts.out} c on c.g = ${opts.group}
        ${where}
      )
      select g, a - (avg(p) - t) / greatest(avg(p * (1 - p)), 1e-6) as a, t from p group by g, a, t`);
  }
}
