-- core.fact_attainment
-- The published attainment series of working-age adults.
-- grain: year x definition x age band
-- columns:
--   year: year the figure describes
--   attainment_pct: percent of adults in the age band holding the credential the definition names
--   definition: credential (degree or high-value credential, the goal's measure) or degree (associate or higher)
--   age_band: age band, 25-64
--   source: publisher of the figure
--   population_25_64: population aged 25-64 that year, when the source gives it
create or replace table core.fact_attainment as
select year, attainment_pct, definition, age_band, source, population_25_64
from staging.stg_attainment;
