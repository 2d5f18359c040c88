//! The baton of a log: offering it, withdrawing the offer, answering it, a leader's
//! appointment, the offers waiting for a person and the holders of a log. Each step is
//! checked with `domain::baton` on the baton as it is, read under a row lock so two steps on
//! one log queue; the database's deferred trigger keeps exactly one holder at commit.
//!
//! The one offered the baton, and a leader appointing, need not stand to the log yet, so
//! those steps are decided here from the offer and the leader's units, not by the gate; none
//! of them returns content.

use super::transition;
use crate::domain::access::LogAction;
use crate::domain::baton::{Baton, Post, Refusal, Step};
use crate::domain::plan::optional_text;
use crate::model::baton::{BatonOffer, HolderRecord, Holders, OfferState};
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::model::notice::NoticeKind;
use crate::server::audit;
use crate::server::gate::{self, Granted, PassBaton, ReadSummary};
use crate::server::notice::{self, Recipient};
use crate::server::oslo::oslo;
use serde_json::json;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

/// The longest message or reason, as the database allows.
const TEXT_MAX_CHARS: usize = 2000;

/// The baton of a log as it is, locked until the transaction ends: the current holding, and
/// the offer waiting, if any.
pub(super) struct Current {
    pub(super) assignment_id: Uuid,
    pub(super) baton: Baton,
    pub(super) offer_id: Option<Uuid>,
}

pub(super) async fn current(
    conn: &mut PgConnection,
    log_id: Uuid,
) -> Result<Option<Current>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select h.holder_assignment_id, h.person_id, h.unit_id,
                  o.handover_offer_id as "offer_id?", o.to_person_id as "to_person_id?",
                  o.to_unit_id as "to_unit_id?"
           from holder_assignment h
           left join handover_offer o
             on o.from_assignment_id = h.holder_assignment_id and o.state = 'pending'
           where h.log_id = $1 and h.ended_at is null
           for update of h"#,
        log_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Current {
        assignment_id: row.holder_assignment_id,
        baton: Baton {
            holder: Post {
                person_id: row.person_id,
                unit_id: row.unit_id,
            },
            offered_to: row
                .to_person_id
                .zip(row.to_unit_id)
                .map(|(person_id, unit_id)| Post { person_id, unit_id }),
        },
        offer_id: row.offer_id,
    }))
}

/// A refused step as the person is told it.
pub(super) fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::ToSelf | Refusal::AlreadyHolds => Field::BatonReceiver.into(),
        Refusal::OfferWaiting => Field::OfferWaiting.into(),
        Refusal::NoOffer => Field::OfferClosed.into(),
        // The gate has let only the holder this far; someone else's offer or a unit one does
        // not lead is nothing to them.
        Refusal::NotHolder | Refusal::NotOffered | Refusal::NotLeader => ApiError::NotFound,
    }
}

/// Whether `post` is a member of staff of the log's municipality in that unit, and not
/// leaving it: the only ones who may hold it.
async fn may_hold(conn: &mut PgConnection, log_id: Uuid, post: Post) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from staff_unit_membership m
               join staff s on s.person_id = m.person_id
               join unit u on u.unit_id = m.unit_id
               join log l on l.municipality_id = u.municipality_id
                         and l.municipality_id = s.municipality_id
               where l.log_id = $1 and m.person_id = $2 and m.unit_id = $3
                 and m.leaving_since is null) as "exists!""#,
        log_id,
        post.person_id,
        post.unit_id
    )
    .fetch_one(conn)
    .await
}

/// Whether `post` is a member of that unit who is not leaving it: someone a leader of the
/// unit may give a log to (for a family's request, or a transition to the unit).
pub async fn may_take_on(conn: &mut PgConnection, post: Post) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from staff_unit_membership
                          where person_id = $1 and unit_id = $2 and leaving_since is null)
           as "member!""#,
        post.person_id,
        post.unit_id
    )
    .fetch_one(conn)
    .await
}

/// Tells `person` that something of `kind` about who holds `log_id` is new, as they chose;
/// `path` is where they act on it.
pub(super) async fn tell(
    conn: &mut PgConnection,
    person: Uuid,
    log_id: Uuid,
    kind: NoticeKind,
    public_url: &str,
    path: &str,
) -> Result<(), sqlx::Error> {
    let notify = sqlx::query_scalar!("select notify from person where person_id = $1", person)
        .fetch_one(&mut *conn)
        .await?;
    let Some(address) = crate::server::contact::address_of(conn, person).await? else {
        return Ok(());
    };
    let to = Recipient {
        person_id: person,
        address: &address,
        notify: &notify,
    };
    let link = format!("{public_url}{path}");
    notice::deliver(conn, &to, Some(log_id), kind, &link).await
}

/// The holder offers the baton to `to`, with a message; they hold on until it is accepted.
pub async fn offer(
    pool: &PgPool,
    grant: &Granted<PassBaton>,
    to: Post,
    message: &str,
    public_url: &str,
) -> Result<Uuid, ApiError> {
    let message = optional_text(message, TEXT_MAX_CHARS, Field::BatonMessage)?;
    let mut tx = pool.begin().await?;
    let log_id = grant.log_id();
    let Some(now) = current(&mut tx, log_id).await? else {
        return Err(ApiError::NotFound);
    };
    if !may_hold(&mut tx, log_id, to).await? {
        return Err(Field::BatonReceiver.into());
    }
    now.baton
        .apply(Step::Offer {
            by: grant.person_id(),
            to,
        })
        .map_err(refused)?;
    let offered = Offered {
        log_id,
        from: now.assignment_id,
        to,
        message,
        by: grant.person_id(),
        transition: None,
    };
    let offer_id = record_offer(&mut tx, &offered, public_url).await?;
    audit::record_in_log(
        &mut tx,
        grant.person_id(),
        log_id,
        "baton.offered",
        json!({ "offer_id": offer_id, "to": to.person_id, "unit": to.unit_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(offer_id)
}

/// An offer of the baton as it is recorded: from the current holding to `to`, made `by` the
/// holder (or, for a transition, a leader of the receiving unit).
pub(super) struct Offered<'a> {
    pub(super) log_id: Uuid,
    pub(super) from: Uuid,
    pub(super) to: Post,
    pub(super) message: Option<&'a str>,
    pub(super) by: Uuid,
    pub(super) transition: Option<Uuid>,
}

/// Records the offer and tells the one offered it, who answers on their own page.
pub(super) async fn record_offer(
    tx: &mut Transaction<'static, Postgres>,
    offered: &Offered<'_>,
    public_url: &str,
) -> Result<Uuid, sqlx::Error> {
    let offer_id = sqlx::query_scalar!(
        "insert into handover_offer (log_id, from_assignment_id, to_person_id, to_unit_id,
                                     message, offered_by, transition_id)
         values ($1, $2, $3, $4, $5, $6, $7) returning handover_offer_id",
        offered.log_id,
        offered.from,
        offered.to.person_id,
        offered.to.unit_id,
        offered.message,
        offered.by,
        offered.transition
    )
    .fetch_one(&mut **tx)
    .await?;
    let to = offered.to.person_id;
    tell(tx, to, offered.log_id, NoticeKind::Baton, public_url, "/me").await?;
    Ok(offer_id)
}

/// The holder takes back the offer waiting.
pub async fn withdraw(pool: &PgPool, grant: &Granted<PassBaton>) -> Result<(), ApiError> {
    let mut tx = pool.begin().await?;
    let log_id = grant.log_id();
    let Some(now) = current(&mut tx, log_id).await? else {
        return Err(ApiError::NotFound);
    };
    now.baton
        .apply(Step::Withdraw {
            by: grant.person_id(),
        })
        .map_err(refused)?;
    close_offer(&mut tx, now.offer_id, "withdrawn", grant.person_id(), None).await?;
    audit::record_in_log(
        &mut tx,
        grant.person_id(),
        log_id,
        "baton.withdrawn",
        json!({ "offer_id": now.offer_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends the offer `offer_id` (if any) as `state`, by `person`.
async fn close_offer(
    tx: &mut Transaction<'static, Postgres>,
    offer_id: Option<Uuid>,
    state: &str,
    person: Uuid,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update handover_offer set state = $2, responded_at = now(), answered_by = $3, reason = $4
         where handover_offer_id = $1 and state = 'pending'",
        offer_id,
        state,
        person,
        reason
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends the current holding and starts `to`'s, in one transaction (the trigger checks at
/// commit that one holds). A holder leaving the unit whose last log this was leaves it now.
async fn hand_over(
    tx: &mut Transaction<'static, Postgres>,
    now: &Current,
    log_id: Uuid,
    to: Post,
    appointed_by: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update holder_assignment set ended_at = now() where holder_assignment_id = $1",
        now.assignment_id
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        "insert into holder_assignment (log_id, person_id, unit_id, began, appointed_by)
         values ($1, $2, $3, $4, $5)",
        log_id,
        to.person_id,
        to.unit_id,
        if appointed_by.is_some() {
            "appointed"
        } else {
            "accepted"
        },
        appointed_by
    )
    .execute(&mut **tx)
    .await?;
    let from = now.baton.holder;
    sqlx::query_scalar!(
        "select end_membership_if_released($1, $2, $3)",
        from.person_id,
        from.unit_id,
        appointed_by.unwrap_or(to.person_id)
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

/// The one offered the baton accepts it (and holds the log from now), or declines with a
/// reason (and the holder is told).
pub async fn answer(
    pool: &PgPool,
    identity: &Identity,
    offer_id: Uuid,
    accept: bool,
    reason: &str,
    public_url: &str,
) -> Result<(), ApiError> {
    let reason = optional_text(reason, TEXT_MAX_CHARS, Field::DeclineReason)?;
    if !accept && reason.is_none() {
        return Err(Field::DeclineReason.into());
    }
    let mut tx = pool.begin().await?;
    let offer = sqlx::query!(
        "select log_id, to_person_id, offered_by, transition_id from handover_offer
         where handover_offer_id = $1",
        offer_id
    )
    .fetch_optional(&mut *tx)
    .await?
    // Someone else's offer is nothing to this person.
    .filter(|offer| offer.to_person_id == identity.person_id)
    .ok_or(ApiError::NotFound)?;
    let log_id = offer.log_id;
    let Some(now) = current(&mut tx, log_id).await? else {
        return Err(ApiError::NotFound);
    };
    if now.offer_id != Some(offer_id) || !transition::offer_stands(&mut tx, offer_id).await? {
        return Err(Field::OfferClosed.into());
    }
    let by = identity.person_id;
    let step = if accept {
        Step::Accept { by }
    } else {
        Step::Decline { by }
    };
    let next = now.baton.apply(step).map_err(refused)?;
    if accept {
        close_offer(&mut tx, now.offer_id, "accepted", by, None).await?;
        hand_over(&mut tx, &now, log_id, next.holder, None).await?;
        transition::complete(&mut tx, offer_id, now.baton.holder, by).await?;
    } else {
        close_offer(&mut tx, now.offer_id, "declined", by, reason).await?;
        // The one who made the offer finds someone else: for a transition, the receiving
        // unit's leader.
        let (person, path) = match (offer.transition_id, offer.offered_by) {
            (Some(_), Some(leader)) => (leader, "/unit-logs".to_string()),
            _ => (now.baton.holder.person_id, format!("/logs/{log_id}/holder")),
        };
        tell(
            &mut tx,
            person,
            log_id,
            NoticeKind::Baton,
            public_url,
            &path,
        )
        .await?;
    }
    audit::record_in_log(
        &mut tx,
        by,
        log_id,
        if accept {
            "baton.accepted"
        } else {
            "baton.declined"
        },
        json!({ "offer_id": offer_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A leader of the holder's unit, or of the unit offered the baton, gives it to `to`; an
/// offer waiting is withdrawn. Someone who leads neither is told the log is not there.
pub async fn appoint(
    pool: &PgPool,
    identity: &Identity,
    log_id: Uuid,
    to: Post,
    public_url: &str,
) -> Result<(), ApiError> {
    let leads = identity.led_units();
    let mut tx = pool.begin().await?;
    let Some(now) = current(&mut tx, log_id).await? else {
        return Err(ApiError::NotFound);
    };
    let step = Step::Appoint { leads, to };
    // Whether they lead a unit of this log is checked before the one appointed, so a
    // stranger learns nothing from the answer.
    if let Err(Refusal::NotLeader) = now.baton.apply(step.clone()) {
        return Err(ApiError::NotFound);
    }
    if !may_hold(&mut tx, log_id, to).await? {
        return Err(Field::BatonReceiver.into());
    }
    let next = now.baton.apply(step).map_err(refused)?;
    close_offer(&mut tx, now.offer_id, "withdrawn", identity.person_id, None).await?;
    hand_over(&mut tx, &now, log_id, next.holder, Some(identity.person_id)).await?;
    audit::record_in_log(
        &mut tx,
        identity.person_id,
        log_id,
        "baton.appointed",
        json!({ "to": to.person_id, "unit": to.unit_id }),
    )
    .await?;
    let path = format!("/logs/{log_id}/holder");
    tell(
        &mut tx,
        to.person_id,
        log_id,
        NoticeKind::Baton,
        public_url,
        &path,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The offers of the baton waiting for this person's answer, oldest first: whose log (the
/// child's name, which they need to decide), from whom, and the holder's message.
pub async fn offers_for(pool: &PgPool, identity: &Identity) -> Result<Vec<BatonOffer>, ApiError> {
    let rows = sqlx::query!(
        r#"select o.handover_offer_id, o.log_id, o.message, o.offered_at,
                  c.given_name || ' ' || c.family_name as "child_name!",
                  h.given_name || ' ' || h.family_name as "from_name!",
                  fu.name as from_unit, tu.name as to_unit
           from handover_offer o
           join log l on l.log_id = o.log_id
           join person c on c.person_id = l.child_id
           join holder_assignment a on a.holder_assignment_id = o.from_assignment_id
           join person h on h.person_id = a.person_id
           join unit fu on fu.unit_id = a.unit_id
           join unit tu on tu.unit_id = o.to_unit_id
           left join transition t on t.transition_id = o.transition_id
           where o.to_person_id = $1 and o.state = 'pending' and l.deleted_at is null and l.status <> 'cancelled'
             and (t.transition_id is null or t.consented_at is not null)
           order by o.offered_at, o.handover_offer_id"#,
        identity.person_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| BatonOffer {
            offer_id: row.handover_offer_id,
            log_id: row.log_id,
            child_name: row.child_name,
            from_name: row.from_name,
            from_unit: row.from_unit,
            to_unit: row.to_unit,
            message: row.message,
            offered_at: oslo(row.offered_at),
        })
        .collect())
}

/// Who has held the log, newest first, and (for the holder and the leaders who may appoint)
/// the latest offer, waiting or declined. For those who see the log in their own list, and
/// for a leader of the holder's unit or of the unit offered it, who need not.
pub async fn holders(
    pool: &PgPool,
    identity: &Identity,
    log_id: Uuid,
) -> Result<Holders, ApiError> {
    let person = identity.person_id;
    let mut tx = pool.begin().await?;
    let Some(now) = current(&mut tx, log_id).await? else {
        return Err(ApiError::NotFound);
    };
    let leads = identity.staff_units.iter().any(|unit| {
        unit.is_unit_leader
            && (unit.unit_id == now.baton.holder.unit_id
                || now
                    .baton
                    .offered_to
                    .is_some_and(|to| to.unit_id == unit.unit_id))
    });
    let summary = match gate::grant_now(pool, person, log_id, ReadSummary).await {
        Ok(grant) => Some(grant),
        Err(ApiError::NotFound | ApiError::Denied { .. }) if leads => None,
        Err(error) => return Err(error),
    };
    let can_pass = summary
        .as_ref()
        .is_some_and(|grant| grant.allows(LogAction::PassBaton));
    let child_name = sqlx::query_scalar!(
        r#"select c.given_name || ' ' || c.family_name as "name!"
           from log l join person c on c.person_id = l.child_id where l.log_id = $1"#,
        log_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let history = sqlx::query!(
        r#"select p.given_name || ' ' || p.family_name as "name!", u.name as unit_name,
                  h.began, h.started_at, h.ended_at
           from holder_assignment h
           join person p on p.person_id = h.person_id
           join unit u on u.unit_id = h.unit_id
           where h.log_id = $1
           order by h.started_at desc, h.holder_assignment_id"#,
        log_id
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|row| HolderRecord {
        name: row.name,
        unit_name: row.unit_name,
        appointed: row.began == "appointed",
        started_at: oslo(row.started_at),
        ended_at: row.ended_at.map(oslo),
    })
    .collect();
    let offer = if can_pass || leads {
        sqlx::query!(
            r#"select p.given_name || ' ' || p.family_name as "to_name!", u.name as to_unit,
                      o.state, o.reason, o.offered_at, o.responded_at
               from handover_offer o
               join person p on p.person_id = o.to_person_id
               join unit u on u.unit_id = o.to_unit_id
               where o.from_assignment_id = $1 and o.state in ('pending', 'declined')
               order by o.offered_at desc limit 1"#,
            now.assignment_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| OfferState {
            to_name: row.to_name,
            to_unit: row.to_unit,
            pending: row.state == "pending",
            reason: row.reason,
            offered_at: oslo(row.offered_at),
            answered_at: row.responded_at.map(oslo),
        })
    } else {
        None
    };
    audit::record_in_log(
        &mut tx,
        person,
        log_id,
        "baton.read",
        json!({ "leader": leads }),
    )
    .await?;
    tx.commit().await?;
    Ok(Holders {
        child_name,
        history,
        offer,
        can_pass,
        can_appoint: leads,
    })
}
