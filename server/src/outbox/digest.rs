//! The daily digest. At 07:00 in Oslo everyone who chose one message a day gets one (by the
//! channel they chose, in their language, to their confirmed addresses), saying
//! how many new things wait in their logs (never what), for the notices gathered before
//! then; later notices wait for the next morning. Notices are claimed with `FOR UPDATE SKIP
//! LOCKED` and marked sent in the transaction that queues the e-mail, so any number of
//! instances send each digest once.

use app::server::contact::Address;
use app::server::notice::digest_message;
use sqlx::PgPool;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use uuid::Uuid;

/// How often the worker looks: a digest may leave up to this long after 07:00.
const POLL: Duration = Duration::from_secs(300);

/// Queues the digests due at `now`; returns how many.
pub async fn send_due(
    pool: &PgPool,
    public_url: &str,
    now: OffsetDateTime,
) -> Result<usize, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let claimed = sqlx::query!(
        r#"
        with cutoff as (
            select (date_trunc('day', $1::timestamptz at time zone 'Europe/Oslo')
                    + interval '7 hours') at time zone 'Europe/Oslo' as at
        ), due as (
            select n.pending_notice_id
            from pending_notice n, cutoff
            where n.sent_at is null and n.created_at < cutoff.at and $1 >= cutoff.at
            for update of n skip locked
        )
        update pending_notice n set sent_at = $1
        from due, person_reach r
        where n.pending_notice_id = due.pending_notice_id and r.person_id = n.person_id
        returning n.person_id as "person_id!", r.email, r.mobile, r.lang,
                  r.channel as "channel!", r.notify as "notify!"
        "#,
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut counts: BTreeMap<Uuid, (Address, String, usize)> = BTreeMap::new();
    for row in claimed {
        counts
            .entry(row.person_id)
            .or_insert_with(|| {
                let address =
                    Address::new(row.email, row.mobile, row.lang.as_deref(), &row.channel);
                (address, row.notify, 0)
            })
            .2 += 1;
    }
    let link = format!("{public_url}/me");
    let mut sent = 0;
    for (address, notify, count) in counts.into_values() {
        // Someone who has since chosen no daily digest gets none; their notices are done.
        // Nor does someone with no confirmed address.
        if notify != "daily" || (address.email.is_none() && address.mobile.is_none()) {
            continue;
        }
        let lang = address.lang;
        let sms = (lang.texts().contact.notice_sms)(&link);
        address
            .send(&mut tx, &digest_message(lang, count, &link), &sms)
            .await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}

pub async fn run(pool: PgPool, public_url: String, database_ready: Arc<AtomicBool>) {
    loop {
        if database_ready.load(Ordering::Acquire) {
            if let Err(error) = send_due(&pool, &public_url, OffsetDateTime::now_utc()).await {
                tracing::warn!(%error, "daily digest interrupted");
            }
        }
        tokio::time::sleep(POLL).await;
    }
}
