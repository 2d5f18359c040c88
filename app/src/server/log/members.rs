//! The people around a log: the holder, staff taking part, the guardians and the child,
//! each with whether the gate would let them see the content today. Only those who would
//! may be made responsible, invited, or notified.

use crate::domain::access::{self, LogAction, Relation};
use crate::model::plan::{Member, MemberRole};
use crate::server::contact::Address;
use crate::server::gate::{self, ContentTx, Granted, Permission};
use uuid::Uuid;

/// A member, with how to reach them (for the server only).
#[derive(Debug, Clone)]
pub struct Reachable {
    pub member: Member,
    /// Their confirmed addresses and language.
    pub address: Address,
    /// How they want to hear of news: a `NoticeChoice` code.
    pub notify: String,
}

/// Everyone around the log who may read its content now, holder first, then staff, then
/// the family.
pub async fn members<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
) -> Result<Vec<Reachable>, sqlx::Error> {
    let facts = grant.facts();
    let rows = sqlx::query!(
        r#"
        with m as (
            select h.person_id, 'holder' as kind, h.unit_id, null::boolean as responsible, 0 as rank
            from holder_assignment h where h.log_id = $1 and h.ended_at is null
            union all
            select x.person_id, 'participant', x.unit_id, null, 1
            from participant x
            where x.log_id = $1 and x.left_at is null
              and x.person_id is not null and x.unit_id is not null
            union all
            select g.guardian_id, 'guardian', null, g.has_parental_responsibility, 2
            from guardianship g join log l on l.child_id = g.child_id where l.log_id = $1
            union all
            select l.child_id, 'child', null, null, 3 from log l where l.log_id = $1
        )
        select m.person_id as "person_id!", m.kind as "kind!", m.unit_id,
               m.responsible, u.name as "unit_name?",
               p.given_name || ' ' || p.family_name as "name!", r.email as "email?",
               r.mobile as "mobile?", r.lang as "lang?",
               coalesce(r.channel, 'email') as "channel!", p.notify
        from m
        join person p on p.person_id = m.person_id
        left join reach_of((select array_agg(person_id) from m)) r on r.person_id = m.person_id
        left join unit u on u.unit_id = m.unit_id
        order by m.rank, p.family_name, p.given_name, m.person_id
        "#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;

    let mut members: Vec<(Reachable, Vec<Relation>)> = Vec::new();
    for row in rows {
        let Some(relation) = gate::relation(&row.kind, row.unit_id, row.responsible) else {
            continue;
        };
        if let Some((_, relations)) = members
            .iter_mut()
            .find(|(reachable, _)| reachable.member.person_id == row.person_id)
        {
            relations.push(relation);
            continue;
        }
        let role = match relation {
            Relation::Holder(_) => MemberRole::Holder,
            Relation::Participant(_) | Relation::UnitLeader => MemberRole::Staff,
            Relation::Guardian { .. } => MemberRole::Guardian,
            Relation::Child => MemberRole::Youth,
        };
        members.push((
            Reachable {
                member: Member {
                    person_id: row.person_id,
                    name: row.name,
                    unit_name: row.unit_name,
                    role,
                },
                address: Address::new(row.email, row.mobile, row.lang.as_deref(), &row.channel),
                notify: row.notify,
            },
            vec![relation],
        ));
    }
    Ok(members
        .into_iter()
        .filter(|(reachable, relations)| {
            access::authorize(
                reachable.member.person_id,
                relations,
                LogAction::ReadContent,
                facts,
            )
            .is_ok()
        })
        .map(|(reachable, _)| reachable)
        .collect())
}

/// Whether every one of `people` is among `members`.
pub fn all_members(members: &[Reachable], people: &[Uuid]) -> bool {
    people
        .iter()
        .all(|person| members.iter().any(|m| m.member.person_id == *person))
}
