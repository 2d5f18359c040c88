//! Telling the others around a log that something new is there: at once by e-mail, in a
//! daily digest (collected here, sent by the server's digest worker), or not at all, as
//! each person chose, and at once on the devices where they turned push on. A notice says
//! what kind of thing is new and links to the log behind the login: never the content,
//! never the child's name (a push message not even the kind).

use crate::i18n::Lang;
use crate::model::notice::{NoticeChoice, NoticeKind};
use crate::server::contact::Address;
use crate::server::gate::{ContentTx, Granted, Permission};
use crate::server::log::members::{self, Reachable};
use crate::server::outbox::Message;
use crate::server::push;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Tells everyone who may read the log now, but the one acting, that something of `kind` is
/// new in it.
pub async fn notify_members<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
    kind: NoticeKind,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let members = members::members(tx, grant).await?;
    notify(tx, grant, &members, kind, public_url).await
}

/// Notifies every member who may read the log, but the one who made the news.
pub async fn notify<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
    members: &[Reachable],
    kind: NoticeKind,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let link = format!("{public_url}/logs/{}", grant.log_id());
    for member in members {
        if member.member.person_id == grant.person_id() {
            continue;
        }
        let to = Recipient {
            person_id: member.member.person_id,
            address: &member.address,
            notify: &member.notify,
        };
        deliver(tx.conn(), &to, Some(grant.log_id()), kind, &link).await?;
    }
    Ok(())
}

/// Someone a notice goes to, and how they want it.
pub struct Recipient<'a> {
    pub person_id: Uuid,
    /// Their confirmed addresses, language and channel.
    pub address: &'a Address,
    /// A `NoticeChoice` code.
    pub notify: &'a str,
}

/// Tells one person, as they chose: an e-mail or SMS now (in their language, to their
/// confirmed addresses), a line in tomorrow's digest, or nothing. `log_id` is the log the
/// news is about; none for news about a unit.
pub async fn deliver(
    conn: &mut PgConnection,
    to: &Recipient<'_>,
    log_id: Option<Uuid>,
    kind: NoticeKind,
    link: &str,
) -> Result<(), sqlx::Error> {
    // News in a log also goes to the devices where the person turned push on.
    if log_id.is_some() {
        push::tell(&mut *conn, to.person_id, to.notify, to.address.lang, link).await?;
    }
    match NoticeChoice::from_code(to.notify) {
        Some(NoticeChoice::Immediate) => {
            let lang = to.address.lang;
            let sms = (lang.texts().contact.notice_sms)(link);
            to.address
                .send(conn, &notice_message(lang, kind, link), &sms)
                .await?;
        }
        Some(NoticeChoice::Daily) => {
            sqlx::query!(
                "insert into pending_notice (person_id, log_id, kind) values ($1, $2, $3)",
                to.person_id,
                log_id,
                kind.code()
            )
            .execute(conn)
            .await?;
        }
        Some(NoticeChoice::None) | None => {}
    }
    Ok(())
}

/// A leader of a unit, and how to reach them.
pub struct Leader {
    pub person_id: Uuid,
    pub address: Address,
    /// A `NoticeChoice` code.
    pub notify: String,
}

/// A leader's reach as the database gives it.
struct ReachRow {
    person_id: Uuid,
    email: Option<String>,
    mobile: Option<String>,
    lang: Option<String>,
    channel: String,
    notify: String,
}

impl From<ReachRow> for Leader {
    fn from(row: ReachRow) -> Leader {
        Leader {
            person_id: row.person_id,
            address: Address::new(row.email, row.mobile, row.lang.as_deref(), &row.channel),
            notify: row.notify,
        }
    }
}

/// The leaders of `unit_id` and how to reach them, read with the owner's connection (the
/// reach of people is not the application role's to read).
pub async fn leaders_of(
    conn: &mut PgConnection,
    unit_id: Uuid,
) -> Result<Vec<Leader>, sqlx::Error> {
    let rows = sqlx::query_as!(
        ReachRow,
        r#"select r.person_id as "person_id!", r.email, r.mobile, r.lang,
                  r.channel as "channel!", r.notify as "notify!"
           from staff_unit_membership m join person_reach r on r.person_id = m.person_id
           where m.unit_id = $1 and m.role = 'unit_leader'
           order by r.person_id"#,
        unit_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Leader::from).collect())
}

/// The leaders of `unit_id` but `leaving`, for an administrator of its municipality acting
/// in `tx` (the database's `unit_leaders_reach` tells nobody else).
pub async fn leaders_for_admin(
    tx: &mut ContentTx,
    unit_id: Uuid,
    leaving: Uuid,
) -> Result<Vec<Leader>, sqlx::Error> {
    let rows = sqlx::query_as!(
        ReachRow,
        r#"select person_id as "person_id!", email, mobile, lang, channel as "channel!",
                  notify as "notify!"
           from unit_leaders_reach($1, $2) order by person_id"#,
        unit_id,
        leaving
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(Leader::from).collect())
}

/// Tells each leader that something of `kind` waits for them on the unit's logs page
/// (`/unit-logs`), as they chose; never what.
pub async fn tell_leaders(
    conn: &mut PgConnection,
    leaders: &[Leader],
    kind: NoticeKind,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let link = format!("{public_url}/unit-logs");
    for leader in leaders {
        let to = Recipient {
            person_id: leader.person_id,
            address: &leader.address,
            notify: &leader.notify,
        };
        deliver(&mut *conn, &to, None, kind, &link).await?;
    }
    Ok(())
}

pub fn notice_message(lang: Lang, kind: NoticeKind, link: &str) -> Message {
    let t = &lang.texts().plan;
    Message {
        subject: t.notice_subject.to_string(),
        body: (t.notice_body)(kind, link),
    }
}

/// The daily digest: how many things are new, in how many logs, and where to look.
pub fn digest_message(lang: Lang, count: usize, link: &str) -> Message {
    let t = &lang.texts().plan;
    Message {
        subject: t.digest_subject.to_string(),
        body: (t.digest_body)(count, link),
    }
}

pub async fn choice(pool: &PgPool, person_id: Uuid) -> Result<NoticeChoice, sqlx::Error> {
    let code = sqlx::query_scalar!("select notify from person where person_id = $1", person_id)
        .fetch_one(pool)
        .await?;
    Ok(NoticeChoice::from_code(&code).unwrap_or_default())
}

pub async fn set_choice(
    pool: &PgPool,
    person_id: Uuid,
    choice: NoticeChoice,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update person set notify = $2 where person_id = $1",
        person_id,
        choice.code()
    )
    .execute(pool)
    .await?;
    Ok(())
}
