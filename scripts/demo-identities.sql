-- The demo's people and how they would log in, for the demo command to print.
\pset footer off
select p.given_name || ' ' || p.family_name as "navn / name",
       case when m.role = 'unit_leader' then 'enhetsleder, ' else 'ansatt, ' end || u.name
           as "rolle / role",
       p.national_id as "fødselsnummer (syntetisk)"
from staff_unit_membership m
join person p using (person_id)
join unit u using (unit_id)
union all
select p.given_name || ' ' || p.family_name, 'administrator (kommunen)', p.national_id
from staff s join person p using (person_id)
where s.is_administrator
union all
select g.given_name || ' ' || g.family_name,
       'foresatt til ' || c.given_name
           || case when gs.has_parental_responsibility then '' else ' (uten foreldreansvar)' end
           || case gs.residence when 'shared_residence' then ', delt fast bosted' else '' end,
       g.national_id
from guardianship gs
join person g on g.person_id = gs.guardian_id
join person c on c.person_id = gs.child_id
union all
select p.given_name || ' ' || p.family_name,
       'barn, ' || date_part('year', age((now() at time zone 'Europe/Oslo')::date, ch.birth_date)) || ' år',
       coalesce(p.national_id, 'brukernavn ' || a.username, '(ingen innlogging)')
from child ch
join person p using (person_id)
left join child_account a using (person_id)
order by 2, 1;
