//! Web Push subscriptions: which endpoints the server will send to, and what a subscription
//! the browser hands over must look like. Pure rules; storing and sending are the server's.
//!
//! The server posts to whatever endpoint a browser names, so an endpoint is a request the
//! server makes on a person's behalf: it must be https and on a public host, never one of
//! the server's own neighbours (loopback, private, link-local networks, `localhost`, bare
//! names of an intranet), unless the configuration names that host (as the tests do for the
//! local push-service stand-in).

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The longest endpoint kept (the real push services' are under 600 characters).
pub const MAX_ENDPOINT: usize = 2048;

/// A subscription as the browser's `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionKeys {
    /// The browser's P-256 public key, uncompressed (65 bytes), base64url.
    pub p256dh: String,
    /// The shared authentication secret (16 bytes), base64url.
    pub auth: String,
}

/// Why a subscription is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not an absolute http(s) URL with a host, or with user information in it.
    NotUrl,
    NotHttps,
    /// A loopback, private, link-local or otherwise non-public host.
    PrivateHost,
    /// The keys are not a P-256 public key and a 16-byte secret.
    BadKeys,
}

/// The subscription as it is stored, if it may be: the endpoint checked by [`check_endpoint`],
/// the keys without padding.
pub fn accept(
    subscription: &Subscription,
    allowed_hosts: &[String],
) -> Result<Subscription, Refusal> {
    check_endpoint(&subscription.endpoint, allowed_hosts)?;
    let p256dh = subscription.keys.p256dh.trim_end_matches('=');
    let auth = subscription.keys.auth.trim_end_matches('=');
    // 65 bytes are 87 base64url characters; the first byte of an uncompressed point, 0x04,
    // makes the first character `B`. 16 bytes are 22 characters.
    let base64url = |text: &str| {
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if p256dh.len() != 87 || !p256dh.starts_with('B') || !base64url(p256dh) {
        return Err(Refusal::BadKeys);
    }
    if auth.len() != 22 || !base64url(auth) {
        return Err(Refusal::BadKeys);
    }
    Ok(Subscription {
        endpoint: subscription.endpoint.clone(),
        keys: SubscriptionKeys {
            p256dh: p256dh.to_string(),
            auth: auth.to_string(),
        },
    })
}

/// Whether the server may send to `endpoint`: an `https://` URL on a public host, or any
/// http(s) URL whose `host[:port]` is one of `allowed_hosts`.
pub fn check_endpoint(endpoint: &str, allowed_hosts: &[String]) -> Result<(), Refusal> {
    if endpoint.len() > MAX_ENDPOINT || endpoint.chars().any(|c| c.is_whitespace()) {
        return Err(Refusal::NotUrl);
    }
    let (scheme, rest) = endpoint.split_once("://").ok_or(Refusal::NotUrl)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(Refusal::NotUrl);
    }
    let authority = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return Err(Refusal::NotUrl);
    }
    let host = host_of(&authority).ok_or(Refusal::NotUrl)?;
    if allowed_hosts.iter().any(|allowed| {
        allowed.eq_ignore_ascii_case(&authority) || allowed.eq_ignore_ascii_case(host)
    }) {
        return Ok(());
    }
    if scheme != "https" {
        return Err(Refusal::NotHttps);
    }
    if is_public_host(host) {
        Ok(())
    } else {
        Err(Refusal::PrivateHost)
    }
}

/// The host of `authority` (`host[:port]`, `[v6][:port]`), without brackets.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (host, after) = bracketed.split_once(']')?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':')?)),
            }
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port_ok =
        port.is_none_or(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    let host = host.trim_end_matches('.');
    (port_ok && !host.is_empty()).then_some(host)
}

/// Whether `host` names a machine on the public internet, as far as the name tells.
fn is_public_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return is_public_ip(ip);
    }
    let last_label = host.rsplit('.').next().unwrap_or_default();
    // WHATWG URL parsing reads a host ending in a number as an IPv4 address in any of its
    // spellings (`2130706433`, `0x7f.1`): anything of that kind that is not a plain dotted
    // quad is refused rather than interpreted.
    let numeric = last_label.bytes().all(|b| b.is_ascii_digit())
        || last_label.starts_with("0x") && last_label[2..].bytes().all(|b| b.is_ascii_hexdigit());
    if numeric {
        return false;
    }
    const LOCAL_SUFFIXES: [&str; 5] = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];
    host.contains('.')
        && host != "localhost"
        && !LOCAL_SUFFIXES.iter().any(|suffix| host.ends_with(suffix))
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // Benchmarking, 198.18.0.0/15; reserved, 240.0.0.0/4.
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, documentation 2001:db8::/32.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // IPv4-compatible and NAT64 forms of an IPv4 address are refused rather than mapped.
        || ip.segments()[..6].iter().all(|segment| *segment == 0)
        || (first == 0x64 && ip.segments()[1] == 0xff9b))
}

/// What a push message carries: a fixed title and a link, never anything of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub title: String,
    pub url: String,
}

#[cfg(test)]
mod tests;
