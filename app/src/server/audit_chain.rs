//! The audit trail's seals as pure functions, apart from the database: each event of a log
//! is sealed with HMAC-SHA-256 over its fields and the MAC of the log's previous sealed
//! event, under a key the database never holds. Whoever can write the database can change
//! an event, but cannot make a MAC for it; and the chain's head is also kept outside the
//! database (a [`Checkpoint`]), so removing the newest events shows too.
//!
//! I/O (reading events, writing seals) is `audit_seal`'s.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Arc;
use time::OffsetDateTime;
use uuid::Uuid;

type HmacSha256 = Hmac<Sha256>;

/// An HMAC-SHA-256 output.
pub type Mac = [u8; 32];

/// Tells these MACs from any other use of the same key; a new form of the input gets a new
/// tag.
const DOMAIN: &[u8] = b"stafett.audit_seal.v1";

/// A key for sealing the audit trail; its `Debug` never shows it. Its id is derived from
/// the key, so a seal names the key it was made with and an operator cannot mislabel one.
#[derive(Clone)]
pub struct AuditKey {
    id: String,
    key: Arc<[u8; 32]>,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({}, <redacted>)", self.id)
    }
}

impl AuditKey {
    /// From 32 bytes in standard base64 (`openssl rand -base64 32`).
    pub fn from_base64(text: &str) -> Option<AuditKey> {
        let bytes: [u8; 32] = STANDARD.decode(text.trim()).ok()?.try_into().ok()?;
        let mut id = HmacSha256::new_from_slice(&bytes).ok()?;
        id.update(b"stafett.audit_key_id");
        Some(AuditKey {
            id: hex(&id.finalize().into_bytes()[..8]),
            key: Arc::new(bytes),
        })
    }

    /// 16 hex digits, the same for the same key wherever it is used.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn hmac(&self) -> HmacSha256 {
        HmacSha256::new_from_slice(self.key.as_slice()).expect("HMAC takes a key of any length")
    }
}

/// The key that seals, and the keys it replaced, kept for verifying older seals.
#[derive(Debug, Clone)]
pub struct AuditKeys {
    current: AuditKey,
    old: Vec<AuditKey>,
}

impl AuditKeys {
    pub fn new(current: AuditKey, old: Vec<AuditKey>) -> AuditKeys {
        AuditKeys { current, old }
    }

    /// The key new seals are made with.
    pub fn current(&self) -> &AuditKey {
        &self.current
    }

    /// The key a seal names, if it is one of these.
    pub fn by_id(&self, id: &str) -> Option<&AuditKey> {
        std::iter::once(&self.current)
            .chain(&self.old)
            .find(|key| key.id == id)
    }
}

/// An event of a log, as its seal covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub audit_event_id: i64,
    pub occurred_at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub log_id: Uuid,
    pub action: String,
    /// The detail in jsonb's own text form, which PostgreSQL gives the same for the same
    /// value (keys sorted, spacing fixed): a JSON library's serialisation might not.
    pub detail: String,
}

/// An event's seal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub audit_event_id: i64,
    pub previous_event_id: Option<i64>,
    pub mac: Vec<u8>,
    pub key_id: String,
}

/// A log's sealed head, kept outside the database so that a chain cut short or sealed anew
/// shows: one JSON line in the checkpoint file, and what an archive package carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    pub log_id: Uuid,
    /// The newest sealed event of the log.
    pub last_event_id: i64,
    /// Its seal's MAC, in lowercase hex.
    pub mac_hex: String,
    pub key_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sealed_at: OffsetDateTime,
}

/// The seal of `event` following the log's last sealed event `previous` (none for its
/// first).
pub fn mac(key: &AuditKey, previous: Option<&[u8]>, event: &Event) -> Mac {
    let mut mac = key.hmac();
    mac.update(DOMAIN);
    // Every field has a fixed length or is prefixed with its length: no two events (or
    // previous MACs) give the same input.
    match previous {
        None => mac.update(&[0]),
        Some(previous) => {
            mac.update(&[1]);
            mac.update(&(previous.len() as u32).to_be_bytes());
            mac.update(previous);
        }
    }
    mac.update(&event.audit_event_id.to_be_bytes());
    // PostgreSQL keeps microseconds.
    let micros = (event.occurred_at.unix_timestamp_nanos() / 1000) as i64;
    mac.update(&micros.to_be_bytes());
    match event.actor_id {
        None => mac.update(&[0]),
        Some(actor) => {
            mac.update(&[1]);
            mac.update(actor.as_bytes());
        }
    }
    mac.update(event.log_id.as_bytes());
    for text in [&event.action, &event.detail] {
        mac.update(&(text.len() as u32).to_be_bytes());
        mac.update(text.as_bytes());
    }
    mac.finalize().into_bytes().into()
}

/// The seals of `events` (the log's next events, in order) after the log's sealed head
/// `head` (its event id and MAC).
pub fn seal(key: &AuditKey, head: Option<(i64, &[u8])>, events: &[Event]) -> Vec<Seal> {
    let mut seals: Vec<Seal> = Vec::with_capacity(events.len());
    for event in events {
        let previous = seals
            .last()
            .map(|seal| (seal.audit_event_id, &seal.mac[..]))
            .or(head);
        let made = mac(key, previous.map(|(_, mac)| mac), event);
        seals.push(Seal {
            audit_event_id: event.audit_event_id,
            previous_event_id: previous.map(|(id, _)| id),
            mac: made.to_vec(),
            key_id: key.id.clone(),
        });
    }
    seals
}

/// Lowercase hex, as checkpoints carry MACs.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// What verifying a log's chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every seal holds and every checkpoint agrees. `head` is the newest sealed event;
    /// `unsealed` events after it wait for the sealer.
    Whole {
        head: Option<i64>,
        unsealed: usize,
    },
    Broken(Break),
}

/// The first thing found wrong in a log's chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Break {
    #[error("event {event} does not match its seal: it was changed, or is another event")]
    Changed { event: i64 },
    #[error("event {event} was removed (its seal, or the next one, names it)")]
    Removed { event: i64 },
    #[error("event {event} has no seal but later events have: it was added, or its seal removed")]
    Unsealed { event: i64 },
    #[error("event {event} is sealed with key {key_id}, which is not among the keys given")]
    UnknownKey { event: i64, key_id: String },
    #[error("the chain was cut: it is sealed to {} but a checkpoint names event {checkpoint}",
        .head.map_or("no event".to_string(), |head| format!("event {head}")))]
    Cut { head: Option<i64>, checkpoint: i64 },
    #[error("the chain does not match the checkpoint of event {checkpoint}: an event up to it was changed or removed and the chain sealed again")]
    NotTheCheckpoint { checkpoint: i64 },
}

/// Verifies a log's `events` and `seals` (each in id order) with `keys`, and against the
/// log's `checkpoints`: names the first event that does not hold, or the checkpoint the
/// chain no longer reaches or agrees with.
pub fn verify(
    events: &[Event],
    seals: &[Seal],
    keys: &AuditKeys,
    checkpoints: &[Checkpoint],
) -> Verdict {
    match walk(events, seals, keys) {
        Err(broken) => Verdict::Broken(broken),
        Ok(chain) => match against_checkpoints(&chain, checkpoints) {
            Err(broken) => Verdict::Broken(broken),
            Ok(()) => Verdict::Whole {
                head: chain.head,
                unsealed: chain.unsealed,
            },
        },
    }
}

/// A chain whose seals all hold.
struct Chain {
    head: Option<i64>,
    unsealed: usize,
    macs: HashMap<i64, String>,
}

fn walk(events: &[Event], seals: &[Seal], keys: &AuditKeys) -> Result<Chain, Break> {
    let sealed: HashMap<i64, &Seal> = seals.iter().map(|s| (s.audit_event_id, s)).collect();
    let present: HashMap<i64, &Event> = events.iter().map(|e| (e.audit_event_id, e)).collect();
    let mut ids: Vec<i64> = present.keys().chain(sealed.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();

    let mut previous: Option<(i64, &[u8])> = None;
    let mut first_unsealed = None;
    let mut unsealed = 0;
    let mut macs = HashMap::new();
    for id in ids {
        let (event, seal) = match (present.get(&id), sealed.get(&id)) {
            (Some(event), Some(seal)) => (event, seal),
            (None, _) => return Err(Break::Removed { event: id }),
            (Some(_), None) => {
                first_unsealed.get_or_insert(id);
                unsealed += 1;
                continue;
            }
        };
        if let Some(event) = first_unsealed {
            return Err(Break::Unsealed { event });
        }
        let previous_id = previous.map(|(id, _)| id);
        if seal.previous_event_id != previous_id {
            // A seal naming an event after the last one seen: that event is gone, with its
            // seal.
            return Err(match seal.previous_event_id {
                Some(named) if previous_id.is_none_or(|last| named > last) => {
                    Break::Removed { event: named }
                }
                _ => Break::Changed { event: id },
            });
        }
        let key = keys.by_id(&seal.key_id).ok_or_else(|| Break::UnknownKey {
            event: id,
            key_id: seal.key_id.clone(),
        })?;
        if mac(key, previous.map(|(_, mac)| mac), event)[..] != seal.mac[..] {
            return Err(Break::Changed { event: id });
        }
        macs.insert(id, hex(&seal.mac));
        previous = Some((id, &seal.mac));
    }
    Ok(Chain {
        head: previous.map(|(id, _)| id),
        unsealed,
        macs,
    })
}

fn against_checkpoints(chain: &Chain, checkpoints: &[Checkpoint]) -> Result<(), Break> {
    let mut checkpoints: Vec<&Checkpoint> = checkpoints.iter().collect();
    checkpoints.sort_by_key(|checkpoint| checkpoint.last_event_id);
    for checkpoint in checkpoints {
        let event = checkpoint.last_event_id;
        match chain.macs.get(&event) {
            Some(mac) if *mac == checkpoint.mac_hex => {}
            None if chain.head.is_none_or(|head| head < event) => {
                return Err(Break::Cut {
                    head: chain.head,
                    checkpoint: event,
                })
            }
            _ => return Err(Break::NotTheCheckpoint { checkpoint: event }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> AuditKey {
        AuditKey::from_base64(&STANDARD.encode([byte; 32])).expect("a key")
    }

    fn keys() -> AuditKeys {
        AuditKeys::new(key(1), vec![])
    }

    const LOG: Uuid = Uuid::from_u128(7);

    fn events(count: i64) -> Vec<Event> {
        (1..=count)
            .map(|n| Event {
                audit_event_id: n * 10,
                occurred_at: OffsetDateTime::from_unix_timestamp(1_800_000_000 + n)
                    .expect("a time"),
                actor_id: Some(Uuid::from_u128(n as u128)),
                log_id: LOG,
                action: "content.read".into(),
                detail: format!(r#"{{"n": {n}}}"#),
            })
            .collect()
    }

    fn checkpoint(seals: &[Seal], at: usize) -> Checkpoint {
        Checkpoint {
            log_id: LOG,
            last_event_id: seals[at].audit_event_id,
            mac_hex: hex(&seals[at].mac),
            key_id: seals[at].key_id.clone(),
            sealed_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn broken(events: &[Event], seals: &[Seal], checkpoints: &[Checkpoint]) -> Option<Break> {
        match verify(events, seals, &keys(), checkpoints) {
            Verdict::Broken(broken) => Some(broken),
            Verdict::Whole { .. } => None,
        }
    }

    #[test]
    fn a_chain_sealed_in_parts_is_the_chain_sealed_at_once() {
        let events = events(5);
        let at_once = seal(&key(1), None, &events);
        let first = seal(&key(1), None, &events[..2]);
        let rest = seal(&key(1), Some((20, &first[1].mac)), &events[2..]);
        assert_eq!([first, rest].concat(), at_once);
        assert_eq!(
            verify(&events, &at_once, &keys(), &[checkpoint(&at_once, 4)]),
            Verdict::Whole {
                head: Some(50),
                unsealed: 0
            }
        );
    }

    #[test]
    fn every_field_and_the_previous_seal_count() {
        let event = &events(1)[0];
        let base = mac(&key(1), None, event);
        let mut changed = Vec::new();
        for change in 0..6 {
            let mut other = event.clone();
            match change {
                0 => other.audit_event_id += 1,
                1 => other.occurred_at += time::Duration::microseconds(1),
                2 => other.actor_id = None,
                3 => other.log_id = Uuid::from_u128(8),
                4 => other.action = "content.write".into(),
                _ => other.detail = r#"{"n": 2}"#.into(),
            }
            changed.push(mac(&key(1), None, &other));
        }
        changed.push(mac(&key(1), Some(&[0; 32]), event));
        changed.push(mac(&key(2), None, event));
        assert!(changed.iter().all(|other| *other != base));
        // Length prefixes: moving a character from the action to the detail changes it.
        let mut moved = event.clone();
        moved.action.push('x');
        moved.detail.remove(0);
        assert_ne!(mac(&key(1), None, &moved), base);
    }

    #[test]
    fn a_changed_removed_or_reordered_event_is_named() {
        let events = events(4);
        let seals = seal(&key(1), None, &events);

        let mut changed = events.clone();
        changed[1].detail = r#"{"n": 9}"#.into();
        assert_eq!(
            broken(&changed, &seals, &[]),
            Some(Break::Changed { event: 20 })
        );

        let mut swapped = events.clone();
        let first = swapped[1].occurred_at;
        swapped[1].occurred_at = swapped[2].occurred_at;
        swapped[2].occurred_at = first;
        assert_eq!(
            broken(&swapped, &seals, &[]),
            Some(Break::Changed { event: 20 })
        );

        let without_event: Vec<Event> = events
            .iter()
            .filter(|e| e.audit_event_id != 30)
            .cloned()
            .collect();
        assert_eq!(
            broken(&without_event, &seals, &[]),
            Some(Break::Removed { event: 30 }),
            "the seal stayed"
        );
        let without_seal: Vec<Seal> = seals
            .iter()
            .filter(|s| s.audit_event_id != 30)
            .cloned()
            .collect();
        assert_eq!(
            broken(&without_event, &without_seal, &[]),
            Some(Break::Removed { event: 30 }),
            "the next seal names it"
        );
        assert_eq!(
            broken(&events, &without_seal, &[]),
            Some(Break::Unsealed { event: 30 })
        );
    }

    #[test]
    fn a_chain_cut_or_sealed_anew_does_not_reach_its_checkpoint() {
        let events = events(4);
        let seals = seal(&key(1), None, &events);
        let last = checkpoint(&seals, 3);
        assert_eq!(
            broken(&events[..2], &seals[..2], std::slice::from_ref(&last)),
            Some(Break::Cut {
                head: Some(20),
                checkpoint: 40
            })
        );
        assert_eq!(
            broken(&[], &[], std::slice::from_ref(&last)),
            Some(Break::Cut {
                head: None,
                checkpoint: 40
            })
        );
        // Unsealed, the events are waiting, not whole: the checkpoint says they were sealed.
        assert_eq!(
            broken(&events, &seals[..2], std::slice::from_ref(&last)),
            Some(Break::Cut {
                head: Some(20),
                checkpoint: 40
            })
        );

        // Changed and sealed again (with the key, which only the sealer has): every seal
        // holds, but not the checkpoint.
        let mut changed = events.clone();
        changed[1].action = "content.write".into();
        let resealed = seal(&key(1), None, &changed);
        assert_eq!(broken(&changed, &resealed, &[]), None);
        assert_eq!(
            broken(&changed, &resealed, &[checkpoint(&seals, 0), last]),
            Some(Break::NotTheCheckpoint { checkpoint: 40 })
        );
    }

    #[test]
    fn old_keys_verify_what_they_sealed_and_unknown_keys_are_named() {
        let events = events(4);
        let old = seal(&key(2), None, &events[..2]);
        let newer = seal(&key(1), Some((20, &old[1].mac)), &events[2..]);
        let seals = [old, newer].concat();
        let rotated = AuditKeys::new(key(1), vec![key(2)]);
        assert_eq!(
            verify(&events, &seals, &rotated, &[]),
            Verdict::Whole {
                head: Some(40),
                unsealed: 0
            }
        );
        assert_eq!(
            broken(&events, &seals, &[]),
            Some(Break::UnknownKey {
                event: 10,
                key_id: key(2).id().to_string()
            })
        );
    }

    #[test]
    fn unsealed_events_at_the_end_wait() {
        let events = events(3);
        let seals = seal(&key(1), None, &events[..1]);
        assert_eq!(
            verify(&events, &seals, &keys(), &[checkpoint(&seals, 0)]),
            Verdict::Whole {
                head: Some(10),
                unsealed: 2
            }
        );
    }

    #[test]
    fn only_32_bytes_of_base64_make_a_key_and_it_never_shows() {
        assert!(AuditKey::from_base64(&STANDARD.encode([0u8; 16])).is_none());
        assert!(AuditKey::from_base64("not base64!").is_none());
        assert_eq!(key(1).id().len(), 16);
        assert_ne!(key(1).id(), key(2).id());
        assert!(format!("{:?}", key(7)).contains("redacted"));
        assert!(!format!("{:?}", key(7)).contains(&STANDARD.encode([7u8; 32])));
    }
}
