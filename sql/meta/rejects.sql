-- meta.rejects
-- Every rejected value, copied from the landing store: file, row, column, value and the rule it broke.
-- grain: rejected value (a row breaking two rules appears twice)
-- columns:
--   load_id: the ingest that read the file
--   file_id: the file (meta.files)
--   source_file: path of the file as given to ingest
--   source_row: spreadsheet row number of the rejected row (header = 1)
--   column_name: column holding the rejected value
--   value: the rejected value as it arrived (student ids withheld)
--   rule: the contract rule it broke
create or replace table meta.rejects as
select * from landing.meta.rejects;
