// PATHWAYS_PROFILE=1 prints how long each landing step took (for the benchmark).
export const profile = (() => {
  let last = performance.now();
  return (step: string) => {
    const now = performance.now();
    if (process.env.PATHWAYS_PROFILE)
      process.stderr.write(`  ${step}: ${((now - last) / 1000).toFixed(2)} s\n`);
    last = now;
  };
})();
