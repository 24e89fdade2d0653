-- meta.runs, meta.loads, meta.files, meta.rejects, meta.duplicates
-- The landing store's record of what was loaded, copied into the warehouse so researchers can
-- see where every number comes from: each refresh run (pathways run, schedule, demo), each ingest,
-- each file with its sha256 and row counts, and every rejected row with file, row, column, value
-- and the rule it broke, and every exact duplicate row (loaded once). The run that built this warehouse appears as running (it had not finished).
-- grain: run; ingest; file; rejected value; duplicate row
-- sources: landing.meta.runs, landing.meta.loads, landing.meta.files, landing.meta.rejects, landing.meta.duplicates
-- columns:
--   run_id: the refresh run (pathways run, schedule or demo)
--   pid: process id of the run
--   host: machine the run ran on
--   step: the last step the run reached (start, ingest, build, dashboard, done)
--   files_new: files landed by the run
--   files_skipped: files already loaded before (same sha256)
--   files_failed: files that could not be read; nothing of them was landed
--   warehouse_built: the run published a new warehouse
--   dashboard_built: the run published a new dashboard site
--   error: why the run failed or was interrupted
--   load_id: the ingest run
--   started_at: when the run started
--   finished_at: when the run finished
--   command: the command that ran it (ingest, validate, run, schedule, demo)
--   status: runs: running, succeeded, partial (some files failed), failed, interrupted; loads: ok, partial, interrupted; files: loaded, or superseded by a newer file of the same kind and period
--   file_id: the file, as numbered on landing
--   source_file: path of the file as given to ingest
--   sha256: sha256 of the file's bytes (a file already loaded is skipped)
--   bytes: file size
--   kind: input kind (students, plans, nsc, accountability, districts, schools, attainment)
--   period: what the file covers, e.g. school years 2016-2025
--   rows_read: data rows read
--   rows_loaded: rows landed (rows_read = rows_loaded + rows_duplicate + rows_rejected)
--   rows_duplicate: rows equal in every field to an earlier row of the same file: loaded once, each in meta.duplicates
--   mapping: the column and value mapping applied to the file (--map, --mapping or the mappings folder), if any
--   rows_rejected: rows rejected, each in meta.rejects
--   dropped_columns: columns never read because they hold direct identifiers (names, birth dates...)
--   extra_columns: columns not in the contract, kept in raw extras
--   superseded_by: the file that replaced this one
--   loaded_at: when the file landed
--   source_row: spreadsheet row number of the rejected or duplicate row (header = 1)
--   duplicate_of: the earlier row of the same file that this row repeats exactly (that one was loaded)
--   column_name: column holding the rejected value
--   value: the rejected value as it arrived (student ids withheld)
--   rule: the contract rule it broke
create schema if not exists meta;

create or replace table meta.runs as
select * from landing.meta.runs;

create or replace table meta.loads as
select * from landing.meta.loads;

create or replace table meta.files as
select * from landing.meta.files;

create or replace table meta.rejects as
select * from landing.meta.rejects;

create or replace table meta.duplicates as
select * from landing.meta.duplicates;
