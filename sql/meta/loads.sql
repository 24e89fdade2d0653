-- meta.loads
-- Each ingest (pathways ingest, validate, or the ingest step of a run), copied from the landing store.
-- grain: ingest; key: load_id
-- columns:
--   load_id: the ingest
--   started_at: when it started
--   finished_at: when it finished
--   command: the command that ran it (ingest, validate, run, schedule, demo)
--   status: ok, partial (some files failed) or interrupted
create or replace table meta.loads as
select * from landing.meta.loads;
