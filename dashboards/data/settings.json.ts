// The build's settings as meta.build_info publishes them (suppression threshold, coding bands,
// the high-graduation/low-CCR thresholds), so pages never hard-code a number the build decides.
import { emit, read } from "./warehouse.ts";

const [build] = await read(`
  select min_n, code_below, code_above, high_grad_threshold, low_ccr_threshold, home_state
  from meta.build_info`);
emit(build);
