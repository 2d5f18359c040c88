//! A person's own contact details: an e-mail address and a mobile number, each confirmed with
//! a code sent to it before anything else goes there; the language of messages to them; and
//! how notices reach them. And for everything the server sends: where and in which language a
//! person is reached (`Address`).
//!
//! Everything here runs in the person's own `ContentTx`: row-level security lets the
//! application's role read and write only the acting person's contact rows.

use crate::domain::contact::{routes, ContactKind, NoticeChannel, Routes, Unreachable};
use crate::i18n::Lang;
use crate::model::contact::{ConfirmedAddress, OwnContact, PendingAddress, Reach};
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::server::gate::{ContentTx, DocumentWithdrawal, Granted};
use crate::server::outbox::{self, Channel, Message};
use crate::server::seal::SealKey;
use crate::server::{audit, one_time_code, password};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// How many codes a person may have sent for one kind of address in an hour.
pub const MAX_CODES_AN_HOUR: i32 = 5;

/// Where a person is reached, and in which language: confirmed (or vouched-for) addresses
/// only, as the database's `person_reach` gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub lang: Lang,
    pub channel: NoticeChannel,
}

impl Address {
    /// From `person_reach`'s columns; an unknown language or channel is the default.
    pub fn new(
        email: Option<String>,
        mobile: Option<String>,
        lang: Option<&str>,
        channel: &str,
    ) -> Address {
        Address {
            email,
            mobile,
            lang: lang.and_then(Lang::from_code).unwrap_or_default(),
            channel: NoticeChannel::from_code(channel).unwrap_or_default(),
        }
    }

    /// Where a notice or an invitation goes (see `domain::contact::routes`).
    pub fn routes(&self) -> Routes {
        routes(self.channel, self.email.is_some(), self.mobile.is_some())
    }

    /// Queues `email` to the e-mail address and `sms` to the mobile number, as
    /// [`routes`](Self::routes) says, in `conn`'s transaction.
    pub async fn send(
        &self,
        conn: &mut PgConnection,
        email: &Message,
        sms: &str,
    ) -> Result<(), sqlx::Error> {
        let routes = self.routes();
        if let (true, Some(address)) = (routes.email, &self.email) {
            outbox::enqueue(&mut *conn, Channel::Email, address, email).await?;
        }
        if let (true, Some(number)) = (routes.sms, &self.mobile) {
            let text = Message {
                subject: String::new(),
                body: sms.to_string(),
            };
            outbox::enqueue(&mut *conn, Channel::Sms, number, &text).await?;
        }
        Ok(())
    }
}

/// The acting person's contact details, with any address waiting for its code.
pub async fn mine(tx: &mut ContentTx) -> Result<OwnContact, sqlx::Error> {
    let row = sqlx::query!(
        r#"select c.email, c.email_confirmed_at, c.mobile, c.mobile_confirmed_at, c.lang as "lang?",
                  c.notice_channel as "channel?", p.email as vouched_email,
                  p.phone as vouched_phone,
                  (exists (select 1 from staff s where s.person_id = p.person_id)
                   or exists (select 1 from child_account a where a.person_id = p.person_id))
                  as "vouched!"
           from person p left join person_contact c on c.person_id = p.person_id
           where p.person_id = $1"#,
        tx.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    let pending = sqlx::query!(
        r#"select kind, address, expires_at,
                  (expires_at <= now() or attempts >= $2) as "spent!"
           from contact_confirmation where person_id = $1"#,
        tx.person_id(),
        one_time_code::MAX_TRIES
    )
    .fetch_all(tx.conn())
    .await?;
    let pending_of = |kind: ContactKind| {
        pending
            .iter()
            .find(|p| p.kind == kind.code())
            .map(|p| PendingAddress {
                address: p.address.clone(),
                expires_at: crate::server::oslo::oslo(p.expires_at),
                spent: p.spent,
            })
    };
    let address = |own: Option<String>,
                   at: Option<time::OffsetDateTime>,
                   vouched: Option<String>| {
        match own {
            Some(address) => Some(ConfirmedAddress {
                address,
                confirmed_at: at.map(crate::server::oslo::oslo),
            }),
            None => vouched
                .filter(|_| row.vouched)
                .map(|address| ConfirmedAddress {
                    address,
                    confirmed_at: None,
                }),
        }
    };
    Ok(OwnContact {
        email: address(row.email, row.email_confirmed_at, row.vouched_email),
        mobile: address(row.mobile, row.mobile_confirmed_at, row.vouched_phone),
        pending_email: pending_of(ContactKind::Email),
        pending_mobile: pending_of(ContactKind::Mobile),
        lang: row.lang,
        channel: row
            .channel
            .as_deref()
            .and_then(NoticeChannel::from_code)
            .unwrap_or_default(),
    })
}

/// The field an unusable address of `kind` is refused on.
fn address_field(kind: ContactKind) -> Field {
    match kind {
        ContactKind::Email => Field::Email,
        ContactKind::Mobile => Field::Mobile,
    }
}

/// Sends a code to a new address of `kind`, in the person's language (`page_lang` if they
/// have chosen none), through the outbox, sealed. The address in use stays in use until the
/// new one is confirmed. Refused, with nothing changed: an address that is not one, the one
/// confirmed already, and more than [`MAX_CODES_AN_HOUR`] codes in an hour.
pub async fn send_code(
    tx: &mut ContentTx,
    key: &SealKey,
    kind: ContactKind,
    typed: &str,
    page_lang: Lang,
) -> Result<(), ApiError> {
    let address = kind.parse(typed).ok_or(address_field(kind))?;
    let person_id = tx.person_id();
    let current = sqlx::query!(
        "select case when $2 = 'email' then email else mobile end as address, lang
         from person_contact where person_id = $1",
        person_id,
        kind.code()
    )
    .fetch_optional(tx.conn())
    .await?;
    if current
        .as_ref()
        .is_some_and(|c| c.address.as_deref() == Some(address.as_str()))
    {
        return Err(Field::AlreadyConfirmed.into());
    }
    let lang = current
        .and_then(|c| Lang::from_code(&c.lang))
        .unwrap_or(page_lang);
    let code = one_time_code::generate();
    let code_hash = password::hash(code.clone()).await?;
    // A new code replaces a waiting one; the codes sent are counted per hour, in the same
    // statement under the row's lock, so parallel requests cannot send more.
    let sent = sqlx::query_scalar!(
        "insert into contact_confirmation (person_id, kind, address, code_hash, expires_at)
         values ($1, $2, $3, $4, now() + make_interval(mins => $5))
         on conflict (person_id, kind) do update
            set address = excluded.address, code_hash = excluded.code_hash,
                expires_at = excluded.expires_at, attempts = 0,
                sent = case when contact_confirmation.window_started_at > now() - interval '1 hour'
                            then contact_confirmation.sent + 1 else 1 end,
                window_started_at = case
                    when contact_confirmation.window_started_at > now() - interval '1 hour'
                    then contact_confirmation.window_started_at else now() end
            where contact_confirmation.window_started_at <= now() - interval '1 hour'
               or contact_confirmation.sent < $6
         returning sent",
        person_id,
        kind.code(),
        address,
        code_hash,
        one_time_code::VALID_MINUTES,
        MAX_CODES_AN_HOUR
    )
    .fetch_optional(tx.conn())
    .await?;
    if sent.is_none() {
        return Err(Field::CodesSent.into());
    }
    let channel = match kind {
        ContactKind::Email => Channel::Email,
        ContactKind::Mobile => Channel::Sms,
    };
    outbox::enqueue_secret(
        tx.conn(),
        key,
        channel,
        &address,
        &code_message(lang, kind, &code),
        one_time_code::VALID_MINUTES,
    )
    .await?;
    record(tx, "contact.code_sent", kind).await?;
    Ok(())
}

/// Records `action` on the acting person's own address of `kind` in the audit trail (never
/// the address or the code).
async fn record(tx: &mut ContentTx, action: &str, kind: ContactKind) -> Result<(), sqlx::Error> {
    let person_id = tx.person_id();
    audit::record(
        tx.conn(),
        Some(person_id),
        action,
        json!({ "kind": kind.code() }),
    )
    .await
}

/// The message carrying a code that confirms an address, in `lang`.
pub fn code_message(lang: Lang, kind: ContactKind, code: &str) -> Message {
    let t = &lang.texts().contact;
    Message {
        subject: (t.code_subject)(kind).to_string(),
        body: (t.code_body)(kind, code),
    }
}

/// What trying a code came to, before it is compared.
struct Tried {
    code_hash: String,
    attempts: i32,
}

/// Counts one try of the waiting code of `kind`; none if there is no code that may still be
/// tried (never sent, expired, or its tries used up).
async fn count_try(tx: &mut ContentTx, kind: ContactKind) -> Result<Option<Tried>, sqlx::Error> {
    let person_id = tx.person_id();
    let tried = sqlx::query!(
        "update contact_confirmation set attempts = attempts + 1
         where person_id = $1 and kind = $2 and expires_at > now() and attempts < $3
         returning code_hash, attempts",
        person_id,
        kind.code(),
        one_time_code::MAX_TRIES
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(tried.map(|row| Tried {
        code_hash: row.code_hash,
        attempts: row.attempts,
    }))
}

/// Confirms the waiting address of `kind` with the code the person typed: it replaces the
/// address in use. A wrong code counts as a try (five, then a new code is needed) and changes
/// nothing else: the try is counted in a transaction of its own, committed whatever the code,
/// before the code is compared.
pub async fn confirm(
    pool: &PgPool,
    identity: &Identity,
    kind: ContactKind,
    typed: &str,
) -> Result<(), ApiError> {
    let code = one_time_code::normalize(typed);
    if code.len() != 6 {
        return Err(Field::Code.into());
    }
    let mut counting = ContentTx::begin(pool, identity).await?;
    let tried = count_try(&mut counting, kind).await?;
    counting.commit().await?;
    let tried = tried.ok_or(Field::CodeSpent)?;
    if !password::verify(code, Some(tried.code_hash.clone())).await {
        return Err(if tried.attempts >= one_time_code::MAX_TRIES {
            Field::CodeSpent
        } else {
            Field::Code
        }
        .into());
    }
    let mut tx = ContentTx::begin(pool, identity).await?;
    let person_id = tx.person_id();
    // Used once: gone unless a new code replaced it meanwhile.
    let address = sqlx::query_scalar!(
        "delete from contact_confirmation
         where person_id = $1 and kind = $2 and code_hash = $3 returning address",
        person_id,
        kind.code(),
        tried.code_hash
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(Field::CodeSpent)?;
    let (email, mobile) = match kind {
        ContactKind::Email => (Some(address.as_str()), None),
        ContactKind::Mobile => (None, Some(address.as_str())),
    };
    sqlx::query!(
        "insert into person_contact (person_id, email, email_confirmed_at, mobile,
                                     mobile_confirmed_at)
         values ($1, $2, case when $2::text is not null then now() end,
                 $3, case when $3::text is not null then now() end)
         on conflict (person_id) do update
            set email = coalesce(excluded.email, person_contact.email),
                email_confirmed_at = coalesce(excluded.email_confirmed_at,
                                              person_contact.email_confirmed_at),
                mobile = coalesce(excluded.mobile, person_contact.mobile),
                mobile_confirmed_at = coalesce(excluded.mobile_confirmed_at,
                                               person_contact.mobile_confirmed_at),
                updated_at = now()",
        person_id,
        email,
        mobile
    )
    .execute(tx.conn())
    .await?;
    record(&mut tx, "contact.confirmed", kind).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the language of messages to the person and how notices reach them. SMS needs a
/// mobile number in use.
pub async fn set_preferences(
    tx: &mut ContentTx,
    lang: Lang,
    channel: NoticeChannel,
) -> Result<(), ApiError> {
    let person_id = tx.person_id();
    if channel.uses_sms() {
        let mobile = sqlx::query_scalar!("select mobile from reach_of(array[$1::uuid])", person_id)
            .fetch_optional(tx.conn())
            .await?
            .flatten();
        if mobile.is_none() {
            return Err(Field::NoticeChannel.into());
        }
    }
    sqlx::query!(
        "insert into person_contact (person_id, lang, notice_channel) values ($1, $2, $3)
         on conflict (person_id) do update
            set lang = excluded.lang, notice_channel = excluded.notice_channel,
                updated_at = now()",
        person_id,
        lang.code(),
        channel.code()
    )
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Remembers the language the person chose for the pages as the language of messages too.
pub async fn set_lang(tx: &mut ContentTx, lang: Lang) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into person_contact (person_id, lang) values ($1, $2)
         on conflict (person_id) do update set lang = excluded.lang, updated_at = now()",
        tx.person_id(),
        lang.code()
    )
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// For the holder: everyone around the log (holder and staff taking part, the guardians, the
/// child) and whether notices reach them; why not, if they do not. Recorded in the log's
/// audit chain.
pub async fn reach(
    tx: &mut ContentTx,
    grant: &Granted<DocumentWithdrawal>,
) -> Result<Vec<Reach>, sqlx::Error> {
    use crate::model::plan::MemberRole;
    let rows = sqlx::query!(
        r#"
        select m.person_id as "person_id!", m.role as "role!",
               p.given_name || ' ' || p.family_name as "name!",
               unreachable_to_holder($1, m.person_id) as unreachable
        from (
            select distinct on (person_id) person_id, role from (
                select h.person_id, 'holder' as role, 0 as rank
                from holder_assignment h where h.log_id = $1 and h.ended_at is null
                union all
                select x.person_id, 'staff', 1 from participant x
                where x.log_id = $1 and x.left_at is null and x.person_id is not null
                union all
                select g.guardian_id, 'guardian', 2
                from guardianship g join log l on l.child_id = g.child_id
                where l.log_id = $1 and g.has_parental_responsibility
                union all
                select l.child_id, 'youth', 3 from log l
                where l.log_id = $1
                  and exists (select 1 from child_account a where a.person_id = l.child_id)
            ) as all_members order by person_id, rank
        ) as m
        join person p on p.person_id = m.person_id
        order by case m.role when 'holder' then 0 when 'staff' then 1 when 'guardian' then 2
                 else 3 end, p.family_name, p.given_name
        "#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    tx.record(grant, "contact.reach_read", json!({ "people": rows.len() }))
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Reach {
            person_id: row.person_id,
            name: row.name,
            role: match row.role.as_str() {
                "holder" => MemberRole::Holder,
                "staff" => MemberRole::Staff,
                "guardian" => MemberRole::Guardian,
                _ => MemberRole::Youth,
            },
            unreachable: row.unreachable.as_deref().and_then(Unreachable::from_code),
        })
        .collect())
}

/// Where `person` is reached, read as the owner (the outbox's workers and the login, outside
/// any person's transaction).
pub async fn address_of(
    conn: &mut PgConnection,
    person: Uuid,
) -> Result<Option<Address>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select email, mobile, lang, channel as "channel!" from person_reach
           where person_id = $1"#,
        person
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Address::new(row.email, row.mobile, row.lang.as_deref(), &row.channel)))
}
