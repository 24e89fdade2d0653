// staging.stg_accountability built by the warehouse runner from the landing store, on the real
// MDE 2024 file: charters marked, and the published count of districts with graduation above
// 75% and CCR below 30% (26 of the 138 rated districts, per MDE) comes back out.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { rebuildWarehouse } from "../pipeline/warehouse/rebuild.ts";
import { land, scratch } from "./helpers/landing.ts";

const real = path.resolve("../shared/reference/ms/mde_2024_accountability_media_file.xlsx");

describe("staging.stg_accountability", () => {
  it.skipIf(!fs.existsSync(real))("types the real MDE file and marks its charters", async () => {
    const dir = scratch("staging-mde");
    const landing = path.join(dir, "landing.duckdb");
    await land(landing, [real]);
    const target = path.join(dir, "warehouse.duckdb");
    await rebuildWarehouse({ target, landing });
    const db = await openDb(target, { readOnly: true });
    const [r] = await db.all(`
      select
        count(*) filter (where level = 'district')::int as districts,
        count(*) filter (where level = 'district' and is_charter)::int as charter_districts,
        count(*) filter (where level = 'district' and not is_charter and grad_rate is not null)::int as rated_districts,
        count(*) filter (where level = 'district' and not is_charter and grad_rate > 75 and ccr_rate < 30)::int as high_grad_low_ccr,
        count(*) filter (where level = 'district' and is_charter and grad_rate is null and grad_rate_marker = 'N/A')::int as charters_na,
        count(*) filter (where level = 'school' and school_name is not null)::int as schools
      from staging.stg_accountability`);
    db.close();
    expect(r).toEqual({
      districts: 148,
      charter_districts: 10,
      rated_districts: 138,
      high_grad_low_ccr: 26,
      charters_na: 10,
      schools: 861,
    });
  });
});
