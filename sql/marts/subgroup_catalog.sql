-- marts.subgroup_catalog
-- Every student group in words: what the dashboard, the CLI and the exports show instead of the
-- codes of marts.indicators (subgroup_type, subgroup). A yes/no group type has a focal group
-- (yes): pages show it against the rest once, not the two mirror-image cells.
-- grain: subgroup type x subgroup; keys: subgroup_type, subgroup
-- columns:
--   subgroup_type: as in marts.indicators
--   subgroup: as in marts.indicators (the ISP revision bands included)
--   type_label: the group type in words ("English learners")
--   label: the group in words ("English learner", "Not an English learner")
--   definition: who is in the group, in a sentence
--   is_binary: the type has two groups, yes and no
--   focal: the group a page shows for a yes/no type (yes); null for other types
--   sort_order: the order pages list the groups of a type in
--   levels: the levels the group type is published at (marts.indicators and the band table have no
--     other rows of it): a district's locale and a school's career coach are its all cell under a
--     second name (marts.entity_groups), and the plan's goal and choices split a school's graduates into cells nearly all too small to show
--   levels_note: why a type is not published at every level, in words (null where it is)
--   same_as_type: the other group type under which this group's students are a group too (graduates without a
--     plan are no_plan under the plan's goal, cluster and endorsement, and no_isp under the revision bands)
--   same_as: that group under same_as_type (no_isp)
-- Career clusters are free text in the plans: the 16 National Career Clusters are named here (their
-- codes are their names in lower case, words joined by _), and
-- any other value the build publishes (one at least min_n graduates chose) is named from its code.
create or replace table marts.subgroup_catalog as
with types(subgroup_type, type_label, is_binary, levels, levels_note) as (values
    ('all', 'All students', false, ['state', 'district', 'school'], null),
    ('race_ethnicity', 'Race and ethnicity', false, ['state', 'district', 'school'], null),
    ('sex', 'Sex', false, ['state', 'district', 'school'], null),
    ('econ_disadvantaged', 'Economic disadvantage', true, ['state', 'district', 'school'], null),
    -- at the state scale (seed 1, 2026-12-08) 9.1% of a school's English-learner cells could be
    -- shown and 43.7% were hidden only to protect others: the cut served no reader there
    ('english_learner', 'English learners', true, ['state', 'district'],
        'a school''s English learners are so few that nine in ten of its cells would be hidden'),
    ('iep', 'Students with an IEP', true, ['state', 'district', 'school'], null),
    ('prior_achievement', 'Grade-8 test scores', false, ['state', 'district', 'school'], null),
    -- a group that is a trait of a whole entity (marts.entity_groups: a district's locale, a
    -- school's career coach) is not published at that entity's level or below: there its cell
    -- would be the all cell under a second name, which the protection would have to hide with it
    ('locale', 'District locale', false, ['state'],
        'every student of a district and of its schools has the district''s locale, so its locale cell would be its all cell'),
    ('career_coach', 'Career coach at the school', true, ['state', 'district'],
        'a school''s graduates all share its career coach or none: its cell would be its all cell'),
    ('isp_revision_band', 'ISP revisions (grades 8-12)', false, ['state', 'district', 'school'], null),
    ('postsecondary_goal', 'Goal in the plan', false, ['state', 'district'],
        'a school''s graduates split by goal are nearly all cells too small to show'),
    ('career_cluster', 'Career cluster in the plan', false, ['state', 'district'],
        'a school''s graduates split by cluster are nearly all cells too small to show'),
    ('endorsement', 'Endorsement in the plan', false, ['state', 'district'],
        'a school''s graduates split by endorsement are nearly all cells too small to show')
),

named(subgroup_type, subgroup, label, definition, sort_order) as (values
    ('all', 'all', 'All students', 'everyone in the denominator', 1),
    ('race_ethnicity', 'american_indian', 'American Indian', 'American Indian or Alaska Native (federal category)', 1),
    ('race_ethnicity', 'asian', 'Asian', 'Asian (federal category)', 2),
    ('race_ethnicity', 'black', 'Black', 'Black or African American (federal category)', 3),
    ('race_ethnicity', 'hispanic', 'Hispanic', 'Hispanic or Latino, of any race (federal category)', 4),
    ('race_ethnicity', 'pacific_islander', 'Pacific Islander', 'Native Hawaiian or other Pacific Islander (federal category)', 5),
    ('race_ethnicity', 'two_or_more', 'Two or more races', 'two or more races, not Hispanic (federal category)', 6),
    ('race_ethnicity', 'white', 'White', 'White (federal category)', 7),
    ('race_ethnicity', 'unknown', 'Not recorded', 'no race or ethnicity in the student record', 8),
    ('sex', 'F', 'Female', 'female in the student record', 1),
    ('sex', 'M', 'Male', 'male in the student record', 2),
    ('sex', 'X', 'Nonbinary', 'neither female nor male in the student record', 3),
    ('sex', 'unknown', 'Not recorded', 'no sex in the student record', 4),
    ('econ_disadvantaged', 'yes', 'Economically disadvantaged', 'economically disadvantaged in any year of the record', 1),
    ('econ_disadvantaged', 'no', 'Not economically disadvantaged', 'never economically disadvantaged in the record', 2),
    ('english_learner', 'yes', 'English learner', 'an English learner in any year of the record', 1),
    ('english_learner', 'no', 'Not an English learner', 'never an English learner in the record', 2),
    ('iep', 'yes', 'With an IEP', 'an Individualized Education Program in any year of the record', 1),
    ('iep', 'no', 'Without an IEP', 'never an Individualized Education Program in the record', 2),
    ('prior_achievement', 'q1', 'Grade-8 scores, lowest quarter', 'grade-8 scores in the lowest quarter of the state that year', 1),
    ('prior_achievement', 'q2', 'Grade-8 scores, second quarter', 'grade-8 scores in the second quarter of the state', 2),
    ('prior_achievement', 'q3', 'Grade-8 scores, third quarter', 'grade-8 scores in the third quarter of the state', 3),
    ('prior_achievement', 'q4', 'Grade-8 scores, highest quarter', 'grade-8 scores in the highest quarter of the state', 4),
    ('prior_achievement', 'not_tested', 'No grade-8 score', 'no grade-8 state test score in the loaded files', 5),
    ('locale', 'city', 'City', 'district in a city (NCES locale)', 1),
    ('locale', 'suburb', 'Suburb', 'district in a suburb (NCES locale)', 2),
    ('locale', 'town', 'Town', 'district in a town (NCES locale)', 3),
    ('locale', 'rural', 'Rural', 'district in a rural area (NCES locale)', 4),
    ('locale', 'unknown', 'Locale not recorded', 'no locale in the district file', 5),
    ('career_coach', 'yes', 'School with a career coach', 'counted in a school that had a career coach', 1),
    ('career_coach', 'no', 'School without a career coach', 'counted in a school without a career coach', 2),
    ('isp_revision_band', 'no_isp', 'No plan on record', 'graduates with no ISP event', 1),
    ('isp_revision_band', 'every_year', 'Revisited every year', 'a revised or reviewed event in every year enrolled in grades 8-12', 2),
    ('isp_revision_band', 'not_every_year', 'Not revisited every year', 'a plan, but at least one year in grades 8-12 without a revision or review', 3),
    ('isp_revision_band', 'none', 'Never revisited', 'a plan with no revision or review in grades 8-12', 4),
    ('isp_revision_band', '1-2', 'Revisited 1-2 times', '1 or 2 revisions or reviews in grades 8-12', 5),
    ('isp_revision_band', '3-4', 'Revisited 3-4 times', '3 or 4 revisions or reviews in grades 8-12', 6),
    ('isp_revision_band', '5+', 'Revisited 5 or more times', '5 or more revisions or reviews in grades 8-12', 7),
    ('postsecondary_goal', 'four_year', 'A four-year college', 'the plan''s latest stated goal: a four-year college', 1),
    ('postsecondary_goal', 'two_year', 'A two-year college', 'the plan''s latest stated goal: a two-year college', 2),
    ('postsecondary_goal', 'certificate', 'A certificate', 'the plan''s latest stated goal: a certificate program', 3),
    ('postsecondary_goal', 'apprenticeship', 'An apprenticeship', 'the plan''s latest stated goal: an apprenticeship', 4),
    ('postsecondary_goal', 'military', 'The military', 'the plan''s latest stated goal: military service', 5),
    ('postsecondary_goal', 'workforce', 'Work', 'the plan''s latest stated goal: going to work', 6),
    ('postsecondary_goal', 'undecided', 'Undecided', 'the plan''s latest stated goal: undecided', 7),
    ('postsecondary_goal', 'not_stated', 'No goal stated', 'a plan that states no goal', 8),
    ('postsecondary_goal', 'no_plan', 'No plan on record', 'no ISP event at all', 9),
    ('career_cluster', 'agriculture_food_natural_resources', 'Agriculture, food and natural resources', 'the plan''s latest career cluster: Agriculture, Food & Natural Resources', 1),
    ('career_cluster', 'architecture_construction', 'Architecture and construction', 'the plan''s latest career cluster: Architecture & Construction', 2),
    ('career_cluster', 'arts_a_v_technology_communications', 'Arts, A/V technology and communications', 'the plan''s latest career cluster: Arts, A/V Technology & Communications', 3),
    ('career_cluster', 'business_management_administration', 'Business management and administration', 'the plan''s latest career cluster: Business Management & Administration', 4),
    ('career_cluster', 'education_training', 'Education and training', 'the plan''s latest career cluster: Education & Training', 5),
    ('career_cluster', 'finance', 'Finance', 'the plan''s latest career cluster: Finance', 6),
    ('career_cluster', 'government_public_administration', 'Government and public administration', 'the plan''s latest career cluster: Government & Public Administration', 7),
    ('career_cluster', 'health_science', 'Health science', 'the plan''s latest career cluster: Health Science', 8),
    ('career_cluster', 'hospitality_tourism', 'Hospitality and tourism', 'the plan''s latest career cluster: Hospitality & Tourism', 9),
    ('career_cluster', 'human_services', 'Human services', 'the plan''s latest career cluster: Human Services', 10),
    ('career_cluster', 'information_technology', 'Information technology', 'the plan''s latest career cluster: Information Technology', 11),
    ('career_cluster', 'law_public_safety_corrections_security', 'Law, public safety, corrections and security', 'the plan''s latest career cluster: Law, Public Safety, Corrections & Security', 12),
    ('career_cluster', 'manufacturing', 'Manufacturing', 'the plan''s latest career cluster: Manufacturing', 13),
    ('career_cluster', 'marketing', 'Marketing', 'the plan''s latest career cluster: Marketing', 14),
    ('career_cluster', 'science_technology_engineering_mathematics', 'Science, technology, engineering and math', 'the plan''s latest career cluster: Science, Technology, Engineering & Mathematics', 15),
    ('career_cluster', 'transportation_distribution_logistics', 'Transportation, distribution and logistics', 'the plan''s latest career cluster: Transportation, Distribution & Logistics', 16),
    ('career_cluster', 'other', 'Other clusters', 'a career cluster fewer than min_n graduates statewide chose (free text in the plans)', 90),
    ('career_cluster', 'not_stated', 'No cluster stated', 'a plan that states no career cluster', 91),
    ('career_cluster', 'no_plan', 'No plan on record', 'no ISP event at all', 92),
    ('endorsement', 'traditional', 'Traditional diploma', 'the plan''s latest endorsement: the traditional diploma, no endorsement', 1),
    ('endorsement', 'career_technical', 'Career and technical', 'the plan''s latest endorsement: career and technical', 2),
    ('endorsement', 'academic', 'Academic', 'the plan''s latest endorsement: academic', 3),
    ('endorsement', 'distinguished_academic', 'Distinguished academic', 'the plan''s latest endorsement: distinguished academic', 4),
    ('endorsement', 'not_stated', 'No endorsement stated', 'a plan that states no endorsement', 5),
    ('endorsement', 'no_plan', 'No plan on record', 'no ISP event at all', 6)
),

free_text_clusters as (
    -- published cluster values outside the named list: the code in words ("welding" -> "Welding")
    select distinct
        'career_cluster' as subgroup_type,
        career_cluster as subgroup,
        upper(left(career_cluster, 1)) || replace(substr(career_cluster, 2), '_', ' ') as label,
        'the plan''s latest career cluster, as written in the plans: ' || replace(career_cluster, '_', ' ') as definition,
        50 as sort_order
    from intermediate.student_subgroups
    where career_cluster not in (select subgroup from named where subgroup_type = 'career_cluster')
)

select t.subgroup_type, g.subgroup, t.type_label, g.label, g.definition,
    t.is_binary, case when t.is_binary then g.subgroup = 'yes' end as focal,
    g.sort_order, t.levels, t.levels_note,
    case when g.subgroup = 'no_plan' then 'isp_revision_band' end as same_as_type,
    case when g.subgroup = 'no_plan' then 'no_isp' end as same_as
from types as t
join (select * from named union all select * from free_text_clusters) as g using (subgroup_type)
order by t.subgroup_type, g.sort_order, g.subgroup;
