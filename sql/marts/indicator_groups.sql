-- marts.indicator_groups
-- The cells whose denominator another indicator counts: a group an indicator's numerator or rest
-- counts (marts.indicator_catalog.numerator_group, rest_group: graduates revisited every year or
-- not), under every other indicator whose denominator holds that group whole (groups_within).
-- There the group's cell has the counting indicator's numerator (rest) for its denominator, and a
-- row even when empty (marts.indicators pads it: a missing row would say the group is empty).
-- The one definition that the indicators' padding, the disclosure step's relations and the
-- warehouse's checks read.
-- grain: counting indicator x indicator x group; keys: counted_by, indicator, subgroup
-- columns:
--   counted_by: the indicator whose numerator or rest counts the group
--   indicator: an indicator whose cells under the group have that count for denominator
--   subgroup_type: the group's type (isp_revision_band)
--   subgroup: the group (every_year, not_every_year)
--   counts_rest: the group is counted_by's rest (denominator - numerator), not its numerator
create or replace table marts.indicator_groups as
select
    k.indicator as counted_by,
    b.indicator,
    'isp_revision_band' as subgroup_type,
    g.subgroup,
    g.subgroup = k.rest_group as counts_rest
from marts.indicator_catalog as k
join marts.indicator_catalog as b on list_contains(k.groups_within, b.denominator) and b.indicator <> k.indicator
cross join unnest([k.numerator_group, k.rest_group]) as g (subgroup)
where k.numerator_group is not null
order by counted_by, indicator, subgroup;
