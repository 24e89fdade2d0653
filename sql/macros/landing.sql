-- Macros the staging models use to read the landing store.
-- is_loaded_file(id): the landed file counts in this build (meta.files status loaded: a file
-- declared replaced by a newer one of the same kind and period does not).
create or replace temp macro is_loaded_file(id) as
    id in (select file_id from landing.meta.files where status = 'loaded');

-- district_number(id): a district number without leading zeros (MDE writes 200 for a district
-- and 0200-008 for one of its schools).
create or replace temp macro district_number(id) as
    cast(try_cast(trim(id) as integer) as varchar);

-- grade_number(code): a contract grade code as a number that orders (PK = -1, K = 0, 1-12;
-- ungraded has none).
create or replace temp macro grade_number(code) as
    case code when 'PK' then -1 when 'K' then 0 when 'UG' then null else try_cast(code as integer) end;
