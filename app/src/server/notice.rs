//! Telling the others around a log that something new is there: at once by e-mail, in a
//! daily digest (collected here, sent by the server's digest worker), or not at all, as
//! each person chose. A notice says what kind of thing is new and links to the log behind
//! the login: never the content, never the child's name.

use crate::i18n::Lang;
use crate::model::notice::{NoticeChoice, NoticeKind};
use crate::server::contact::Address;
use crate::server::gate::{ContentTx, Granted, Permission};
use crate::server::log::members::{self, Reachable};
use crate::server::outbox::Message;
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
        deliver(tx.conn(), &to, grant.log_id(), kind, &link).await?;
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
/// confirmed addresses), a line in tomorrow's digest, or nothing.
pub async fn deliver(
    conn: &mut PgConnection,
    to: &Recipient<'_>,
    log_id: Uuid,
    kind: NoticeKind,
    link: &str,
) -> Result<(), sqlx::Error> {
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
