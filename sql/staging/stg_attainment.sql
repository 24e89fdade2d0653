-- staging.stg_attainment
-- The published attainment series, typed with the attainment contract; the latest loaded file
-- wins per year, definition and age band.
-- grain: year x definition x age band
-- columns:
--   year: year the figure describes
--   attainment_pct: percent of the age band holding the credential the definition names
--   definition: credential (degree or high-value credential) or degree (associate or higher)
--   age_band: age band, e.g. 25-64
--   source: publisher of the figure
--   population_25_64: population aged 25-64 that year, when the source gives it
--   file_id: the landed file the row comes from (meta.files)
create or replace table staging.stg_attainment as
with source as (
    select * from landing.raw.attainment where is_loaded_file(file_id)
)
select
    contract_attainment_year(year) as year,
    contract_attainment_attainment_pct(attainment_pct) as attainment_pct,
    contract_attainment_definition(definition) as definition,
    contract_attainment_age_band(age_band) as age_band,
    contract_attainment_source(source) as source,
    contract_attainment_population_25_64(population_25_64) as population_25_64,
    file_id
from source
qualify row_number() over (
    partition by contract_attainment_year(year), contract_attainment_definition(definition), contract_attainment_age_band(age_band)
    order by file_id desc, source_row
) = 1;
