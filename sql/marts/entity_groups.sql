-- marts.entity_groups
-- The groups that are traits of a whole district or school: a district's students are all of its
-- locale, a school's graduates all of its career-coach group. There the entity's cell under the
-- group would be its all cell under a second name, so marts.indicators does not publish it
-- (marts.subgroup_catalog.levels); the parent's cell of the group is the sum of its children's all
-- cells with that trait, a relation the disclosure step protects. From the directories only
-- (marts.districts, marts.schools), spelled as the cells spell them (intermediate.indicator_cells:
-- an unknown locale is 'unknown', a school with no coach on record 'no').
-- grain: level x entity x group type; keys: level, entity_id, subgroup_type
-- columns:
--   level: district or school
--   entity_id: the district or school
--   subgroup_type: locale (districts) or career_coach (schools)
--   subgroup: the entity's group under that type
create or replace table marts.entity_groups as
select 'district' as level, district_id as entity_id, 'locale' as subgroup_type, locale as subgroup
from marts.districts
union all
select 'school', school_id, 'career_coach', case when has_career_coach then 'yes' else 'no' end
from marts.schools
order by level, entity_id, subgroup_type;
