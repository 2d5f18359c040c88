//! Transitions to a receiving unit: the holder starts one (or calls it off); the family's
//! consent to it, with whether the sending unit stays, is recorded with their decisions; the
//! receiving unit's leader then names a holder, who is offered the baton; when they accept,
//! the log is theirs and the sending unit's participants leave on the agreed date unless
//! kept. `domain::transition` decides each step.
//!
//! The receiving leader need not stand to the log, so their steps are decided here from the
//! units they lead, as the baton's are; none returns content.

use super::baton::{self, Current, Offered};
use crate::domain::baton::{Post, Step};
use crate::domain::plan::{optional_text, parse_date};
use crate::domain::service_kind::ServiceKind;
use crate::domain::transition::{self, Departure, Place, Progress, Refusal, TransitionKind};
use crate::i18n::Lang;
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::model::notice::NoticeKind;
use crate::model::transition::{IncomingTransition, ReceivingUnit, TransitionState};
use crate::server::audit;
use crate::server::gate::{ContentTx, Granted, Permission, StartTransition};
use crate::server::notice;
use crate::server::oslo::oslo;
use serde_json::json;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The longest message with a transition, as the database allows.
const MESSAGE_MAX_CHARS: usize = 2000;

fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::SameUnit => Field::TransitionSameUnit,
        Refusal::ReceiverNotSchool => Field::TransitionNotSchool,
        Refusal::SameMunicipality | Refusal::OtherMunicipality => Field::TransitionMunicipality,
        Refusal::DateBeforeToday | Refusal::DateTooFar => Field::TransitionDate,
    }
    .into()
}

fn kind_of(code: &str) -> Result<TransitionKind, sqlx::Error> {
    TransitionKind::from_code(code).ok_or_else(|| sqlx::Error::Decode("transition kind".into()))
}

async fn place(conn: &mut PgConnection, unit_id: Uuid) -> Result<Option<Place>, sqlx::Error> {
    let row = sqlx::query!(
        "select kind, municipality_id from unit where unit_id = $1",
        unit_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|row| {
        Some(Place {
            unit_id,
            kind: ServiceKind::from_code(&row.kind)?,
            municipality_id: row.municipality_id,
        })
    }))
}

/// The holder starts a transition of `kind` to `to_unit` on `transfer_on` (`YYYY-MM-DD`);
/// everyone around the log is told, and the family finds its consent on their page.
pub async fn start(
    tx: &mut ContentTx,
    grant: &Granted<StartTransition>,
    kind: &str,
    to_unit: &str,
    transfer_on: &str,
    message: &str,
    public_url: &str,
) -> Result<Uuid, ApiError> {
    let kind = TransitionKind::from_code(kind.trim()).ok_or(Field::TransitionKind)?;
    let to_unit = Uuid::parse_str(to_unit.trim()).map_err(|_| Field::TransitionUnit)?;
    let transfer_on = parse_date(transfer_on).ok_or(Field::TransitionDate)?;
    let message = optional_text(message, MESSAGE_MAX_CHARS, Field::TransitionMessage)?;
    let from_unit = sqlx::query_scalar!(
        "select unit_id from holder_assignment where log_id = $1 and ended_at is null",
        grant.log_id()
    )
    .fetch_one(tx.conn())
    .await?;
    let from = place(tx.conn(), from_unit)
        .await?
        .ok_or(ApiError::Internal)?;
    let to = place(tx.conn(), to_unit)
        .await?
        .ok_or(Field::TransitionUnit)?;
    transition::check(kind, from, to, transfer_on, grant.facts().today).map_err(refused)?;
    if running(tx.conn(), grant.log_id()).await?.is_some() {
        return Err(Field::TransitionRunning.into());
    }
    let transition_id = sqlx::query_scalar!(
        "insert into transition (log_id, from_unit_id, to_unit_id, kind, transfer_on, message,
                                 started_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning transition_id",
        grant.log_id(),
        from_unit,
        to_unit,
        kind.code(),
        transfer_on,
        message,
        grant.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    let detail = json!({ "transition_id": transition_id, "to": to_unit, "kind": kind.code(),
                         "transfer_on": transfer_on.to_string() });
    tx.record(grant, "transition.started", detail).await?;
    notice::notify_members(tx, grant, NoticeKind::Transition, public_url).await?;
    Ok(transition_id)
}

/// The transition of the log that is neither done nor called off, if any.
async fn running(conn: &mut PgConnection, log_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select transition_id from transition
         where log_id = $1 and completed_at is null and cancelled_at is null",
        log_id
    )
    .fetch_optional(conn)
    .await
}

/// The holder calls off the transition running; an offer of the baton made for it is void.
pub async fn cancel(pool: &PgPool, grant: &Granted<StartTransition>) -> Result<(), ApiError> {
    let mut tx = pool.begin().await?;
    let transition_id = sqlx::query_scalar!(
        "update transition set cancelled_at = now(), cancelled_by = $2
         where log_id = $1 and completed_at is null and cancelled_at is null
         returning transition_id",
        grant.log_id(),
        grant.person_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    sqlx::query!(
        "update handover_offer set state = 'withdrawn', responded_at = now(), answered_by = $2
         where transition_id = $1 and state = 'pending'",
        transition_id,
        grant.person_id()
    )
    .execute(&mut *tx)
    .await?;
    let detail = json!({ "transition_id": transition_id });
    audit::record_in_log(
        &mut tx,
        grant.person_id(),
        grant.log_id(),
        "transition.cancelled",
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The latest transition of the log that was not called off, for those who see its
/// consents (the family and the holder).
pub async fn latest<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
) -> Result<Option<TransitionState>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select t.kind, f.name as from_unit, u.name as to_unit, m.name as to_municipality,
                  t.transfer_on, t.message, t.keep_sending, t.consented_at is not null as "consented!",
                  t.completed_at is not null as "completed!",
                  (select p.given_name || ' ' || p.family_name from handover_offer o
                   join person p on p.person_id = o.to_person_id
                   where o.transition_id = t.transition_id and o.state = 'pending') as offered_to
           from transition t
           join unit f on f.unit_id = t.from_unit_id
           join unit u on u.unit_id = t.to_unit_id
           join municipality m on m.municipality_id = u.municipality_id
           where t.log_id = $1 and t.cancelled_at is null
           order by t.started_at desc limit 1"#,
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?;
    row.map(|row| {
        Ok(TransitionState {
            kind: kind_of(&row.kind)?,
            from_unit: row.from_unit,
            to_unit: row.to_unit,
            to_municipality: row.to_municipality,
            transfer_on: row.transfer_on,
            message: row.message,
            stage: transition::stage(Progress {
                consented: row.consented,
                offer_pending: row.offered_to.is_some(),
                completed: row.completed,
                cancelled: false,
            }),
            keep_sending: row.keep_sending,
            offered_to: row.offered_to,
        })
    })
    .transpose()
}

/// The units of the installation a transition may go to from the holder's: every other.
pub async fn receiving_units(
    tx: &mut ContentTx,
    grant: &Granted<StartTransition>,
) -> Result<Vec<ReceivingUnit>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select u.unit_id, u.name, u.kind, m.name as municipality
           from unit u join municipality m using (municipality_id)
           where u.unit_id not in (select h.unit_id from holder_assignment h
                                   where h.log_id = $1 and h.ended_at is null)
           order by m.name, u.name"#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(ReceivingUnit {
                unit_id: row.unit_id,
                name: row.name,
                kind: ServiceKind::from_code(&row.kind)?,
                municipality: row.municipality,
            })
        })
        .collect())
}

/// What the consent to a transition to `unit` says beyond the general words: the date, and
/// whether the sending unit leaves then or stays. Both ways, leaving first; `None` when no
/// transition to `unit` is running.
pub async fn terms<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    unit: Uuid,
    lang: Lang,
) -> Result<Option<[(bool, String); 2]>, sqlx::Error> {
    let row = sqlx::query!(
        "select t.transfer_on, f.name as from_unit from transition t
         join unit f on f.unit_id = t.from_unit_id
         where t.log_id = $1 and t.to_unit_id = $2
           and t.completed_at is null and t.cancelled_at is null",
        grant.log_id(),
        unit
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|row| {
        let t = &lang.texts().transition;
        let day = lang.dates().date(row.transfer_on);
        [false, true].map(|keep| (keep, (t.consent_terms)(&day, &row.from_unit, keep)))
    }))
}

/// After a decision on the transition to `unit`: keeps the family's choice of whether the
/// sending unit stays, and whether their consent suffices now. Returns the transition when
/// it has just come to suffice, so its receiving leaders can be asked to name a holder.
pub async fn after_decision<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    unit: Uuid,
    allows: bool,
    keep_sending: Option<bool>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"with before as (
               select transition_id, consented_at from transition
               where log_id = $1 and to_unit_id = $2
                 and completed_at is null and cancelled_at is null
               for update
           )
           update transition t
           set keep_sending = coalesce($4, t.keep_sending),
               consented_at = case when $3 then coalesce(t.consented_at, now()) end
           from before b where t.transition_id = b.transition_id
           returning case when $3 and b.consented_at is null then t.transition_id end"#,
        grant.log_id(),
        unit,
        allows,
        keep_sending
    )
    .fetch_optional(tx.conn())
    .await
    .map(Option::flatten)
}

/// Asks every leader of the receiving unit to name a holder for `transition_id`, as each
/// chose to be told.
pub async fn ask_leaders(
    pool: &PgPool,
    transition_id: Uuid,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let leaders = sqlx::query!(
        "select m.person_id, t.log_id from transition t
         join staff_unit_membership m on m.unit_id = t.to_unit_id and m.role = 'unit_leader'
         where t.transition_id = $1",
        transition_id
    )
    .fetch_all(&mut *tx)
    .await?;
    for leader in leaders {
        baton::tell(
            &mut tx,
            leader.person_id,
            leader.log_id,
            NoticeKind::Transition,
            public_url,
            "/unit-logs",
        )
        .await?;
    }
    tx.commit().await
}

/// The transitions running to the units the person leads, oldest date first.
pub async fn incoming(
    pool: &PgPool,
    identity: &Identity,
) -> Result<Vec<IncomingTransition>, ApiError> {
    let leads = identity.led_units();
    let rows = sqlx::query!(
        r#"select t.transition_id, t.to_unit_id, t.kind, t.transfer_on, t.message,
                  t.consented_at is not null as "consented!",
                  c.given_name || ' ' || c.family_name as "child_name!",
                  f.name as from_unit, u.name as to_unit,
                  (select p.given_name || ' ' || p.family_name from handover_offer o
                   join person p on p.person_id = o.to_person_id
                   where o.transition_id = t.transition_id and o.state = 'pending') as offered_to
           from transition t
           join log l on l.log_id = t.log_id
           join person c on c.person_id = l.child_id
           join unit f on f.unit_id = t.from_unit_id
           join unit u on u.unit_id = t.to_unit_id
           where t.to_unit_id = any($1) and t.completed_at is null and t.cancelled_at is null
             and l.status = 'open' and l.deleted_at is null
           order by t.transfer_on, t.started_at"#,
        &leads
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(IncomingTransition {
                transition_id: row.transition_id,
                child_name: row.child_name,
                from_unit: row.from_unit,
                to_unit_id: row.to_unit_id,
                to_unit: row.to_unit,
                kind: kind_of(&row.kind)?,
                transfer_on: row.transfer_on,
                message: row.message,
                stage: transition::stage(Progress {
                    consented: row.consented,
                    offer_pending: row.offered_to.is_some(),
                    completed: false,
                    cancelled: false,
                }),
                offered_to: row.offered_to,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// A leader of the receiving unit names `to` (of that unit) to take over the log: they are
/// offered the baton on the holder's behalf, with the transition's message, and told.
pub async fn name_holder(
    pool: &PgPool,
    identity: &Identity,
    transition_id: Uuid,
    to: &str,
    public_url: &str,
) -> Result<(), ApiError> {
    let mut tx = pool.begin().await?;
    let found = sqlx::query!(
        r#"select t.log_id, t.to_unit_id, t.message, t.consented_at is not null as "consented!"
           from transition t
           join log l on l.log_id = t.log_id and l.status = 'open' and l.deleted_at is null
           join staff_unit_membership m on m.unit_id = t.to_unit_id
                and m.person_id = $2 and m.role = 'unit_leader'
           where t.transition_id = $1 and t.completed_at is null and t.cancelled_at is null
           for update of t"#,
        transition_id,
        identity.person_id
    )
    .fetch_optional(&mut *tx)
    .await?
    // A transition to a unit one does not lead is nothing to them.
    .ok_or(ApiError::NotFound)?;
    if !found.consented {
        return Err(Field::TransitionNotConsented.into());
    }
    let to = Post::parse(to).ok_or(Field::BatonReceiver)?;
    if to.unit_id != found.to_unit_id || !baton::may_take_on(&mut tx, to).await? {
        return Err(Field::BatonReceiver.into());
    }
    let log_id = found.log_id;
    let Current {
        assignment_id,
        baton: now,
        ..
    } = baton::current(&mut tx, log_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    now.apply(Step::Offer {
        by: now.holder.person_id,
        to,
    })
    .map_err(baton::refused)?;
    let offered = Offered {
        log_id,
        from: assignment_id,
        to,
        message: found.message.as_deref(),
        by: identity.person_id,
        transition: Some(transition_id),
    };
    let offer_id = baton::record_offer(&mut tx, &offered, public_url).await?;
    audit::record_in_log(
        &mut tx,
        identity.person_id,
        log_id,
        "transition.holder_named",
        json!({ "transition_id": transition_id, "offer_id": offer_id, "to": to.person_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the offer may still be accepted: one made for a transition only while the
/// family's consent to it stands.
pub async fn offer_stands(
    tx: &mut Transaction<'static, Postgres>,
    offer_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select (o.transition_id is null
                   or (t.consented_at is not null and t.cancelled_at is null)) as "stands!"
           from handover_offer o left join transition t using (transition_id)
           where o.handover_offer_id = $1"#,
        offer_id
    )
    .fetch_one(&mut **tx)
    .await
}

/// The baton has passed on an offer made for a transition: it is done, a move takes the
/// log to the receiving municipality, and the sending unit's participants (the holder who
/// passed it among them) leave as the family's consent says.
pub async fn complete(
    tx: &mut Transaction<'static, Postgres>,
    offer_id: Uuid,
    previous: Post,
    by: Uuid,
) -> Result<(), sqlx::Error> {
    let Some(done) = sqlx::query!(
        r#"update transition t set completed_at = now()
           from handover_offer o
           where o.handover_offer_id = $1 and t.transition_id = o.transition_id
           returning t.transition_id, t.log_id, t.from_unit_id, t.to_unit_id, t.kind,
                     t.transfer_on, t.keep_sending"#,
        offer_id
    )
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(());
    };
    if kind_of(&done.kind)? == TransitionKind::Moving {
        sqlx::query!(
            "update log set municipality_id = (select municipality_id from unit where unit_id = $2)
             where log_id = $1",
            done.log_id,
            done.to_unit_id
        )
        .execute(&mut **tx)
        .await?;
    }
    let today = oslo(OffsetDateTime::now_utc()).date();
    let departure = transition::departure(done.keep_sending, done.transfer_on, today);
    if departure != Departure::Now && previous.unit_id == done.from_unit_id {
        // The holder who passed the baton takes part for the sending unit for as long as it
        // does.
        sqlx::query!(
            "insert into participant (log_id, person_id, unit_id, role)
             select $1, $2, $3, 'service'
             where not exists (select 1 from participant
                               where log_id = $1 and person_id = $2 and left_at is null)",
            done.log_id,
            previous.person_id,
            previous.unit_id
        )
        .execute(&mut **tx)
        .await?;
    }
    let (leaves_on, now): (Option<Date>, bool) = match departure {
        Departure::Stay => (None, false),
        Departure::On(day) => (Some(day), false),
        Departure::Now => (None, true),
    };
    sqlx::query!(
        "update participant
         set leaves_on = coalesce($3, leaves_on),
             left_at = case when $4 then greatest(now(), joined_at) end
         where log_id = $1 and unit_id = $2 and left_at is null",
        done.log_id,
        done.from_unit_id,
        leaves_on,
        now
    )
    .execute(&mut **tx)
    .await?;
    let detail = json!({ "transition_id": done.transition_id, "keep_sending": done.keep_sending });
    audit::record_in_log(tx, by, done.log_id, "transition.completed", detail).await
}
