-- meta.duplicates
-- Every exact duplicate row, copied from the landing store: it repeats an earlier row of the same
-- file in every field and was loaded once.
-- grain: duplicate row
-- columns:
--   load_id: the ingest that read the file
--   file_id: the file (meta.files)
--   source_file: path of the file as given to ingest
--   source_row: spreadsheet row number of the duplicate row (header = 1)
--   duplicate_of: the earlier row of the same file that this row repeats exactly (that one was loaded)
create or replace table meta.duplicates as
select * from landing.meta.duplicates;
