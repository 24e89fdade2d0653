-- What the warehouse holds: every public table with its description
-- From meta.dictionary; query it again with a table_name to see that table's columns.
select schema_name || '.' || table_name as table_name, description
from meta.dictionary
where column_name is null and schema_name in ('core', 'marts', 'meta')
order by 1
