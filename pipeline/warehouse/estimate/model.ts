// The warehouse's models written in TypeScript, declared like the SQL ones (the table they create,
// what they read, their documentation header) so the build orders them by the same lineage.
import type { Model } from "../models.ts";
import { fitModels, MODEL_COEFFICIENTS_DOC } from "./fits.ts";

export const COMPUTED_MODELS: Model[] = [
  {
    name: "intermediate/model_coefficients",
    table: "intermediate.model_coefficients",
    file: "pipeline/warehouse/estimate/fits.ts",
    sql: MODEL_COEFFICIENTS_DOC,
    reads: ["intermediate.graduate_covariates"],
    run: fitModels,
  },
];
