// The warehouse's models written in TypeScript, declared like the SQL ones (the table they create,
// what they read, their documentation header) so the build orders them by the same lineage.
import type { Model } from "../models.ts";
import { fitModels, MODEL_COEFFICIENTS_DOC } from "./fits.ts";
import { MODEL_PREDICTIONS_DOC, predictModels } from "./predict.ts";

export const COMPUTED_MODELS: Model[] = [
  {
    name: "intermediate/model_coefficients",
    table: "intermediate.model_coefficients",
    file: "pipeline/warehouse/estimate/fits.ts",
    sql: MODEL_COEFFICIENTS_DOC,
    reads: ["intermediate.graduate_covariates"],
    run: fitModels,
  },
  {
    name: "intermediate/model_predictions",
    table: "intermediate.model_predictions",
    file: "pipeline/warehouse/estimate/predict.ts",
    sql: MODEL_PREDICTIONS_DOC,
    reads: ["intermediate.model_coefficients", "intermediate.graduate_covariates"],
    run: predictModels,
  },
];
