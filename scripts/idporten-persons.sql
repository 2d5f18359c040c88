-- The local ID-porten's test persons: everyone in the data who could log in with it, as a
-- JSON array of {pid, name, description}. Staff first, then families.
select coalesce(json_agg(json_build_object('pid', pid, 'name', name, 'description', description)
                         order by rank, name), '[]')
from (
    select p.national_id as pid, p.given_name || ' ' || p.family_name as name,
           string_agg(case when m.role = 'unit_leader' then 'enhetsleder, ' else 'ansatt, ' end
                      || u.name, '; ') as description, 1 as rank
    from person p join staff_unit_membership m using (person_id) join unit u using (unit_id)
    where p.national_id is not null
    group by p.national_id, p.given_name, p.family_name
    union all
    -- Administrators who work at no unit.
    select p.national_id, p.given_name || ' ' || p.family_name, 'administrator', 1
    from staff s join person p using (person_id)
    where s.is_administrator and p.national_id is not null
      and not exists (select 1 from staff_unit_membership m where m.person_id = s.person_id)
    union all
    select g.national_id, g.given_name || ' ' || g.family_name,
           string_agg('foresatt til ' || c.given_name
                      || case when gs.has_parental_responsibility then '' else ' (uten foreldreansvar)' end,
                      '; '), 2
    from guardianship gs
    join person g on g.person_id = gs.guardian_id
    join person c on c.person_id = gs.child_id
    where g.national_id is not null
    group by g.national_id, g.given_name, g.family_name
    union all
    select p.national_id, p.given_name || ' ' || p.family_name,
           'ungdom, ' || date_part('year', age((now() at time zone 'Europe/Oslo')::date, ch.birth_date)) || ' år', 3
    from child ch join person p using (person_id)
    -- Youths log in with ID-porten; younger children with a password and a code.
    where p.national_id is not null
      and date_part('year', age((now() at time zone 'Europe/Oslo')::date, ch.birth_date)) >= 15
) persons;
