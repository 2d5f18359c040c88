//! The address a request came from, for login throttling. Behind a reverse proxy the TCP
//! peer is the proxy, and counting failures by it would let 20 failed logins anywhere lock
//! out everyone. `X-Forwarded-For` is believed only from the proxies named in
//! `STAFETT_TRUSTED_PROXIES`, and only as far back as the chain of trusted proxies goes:
//! anything further left was written by the client and may be forged.

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use axum::Extension;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The client's address: the peer, or, while the peer is a trusted proxy, the address that
/// proxy says it got the request from (the rightmost `X-Forwarded-For` entry not yet used).
pub fn resolve<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> IpAddr {
    let mut client = peer;
    for entry in forwarded_for.rev() {
        if !trusted.contains(&client) {
            break;
        }
        match entry.trim().parse::<IpAddr>() {
            Ok(address) => client = address,
            Err(_) => break,
        }
    }
    client
}

/// [`resolve`] for a request: its peer (unspecified when served without connection info,
/// as in tests) and every `X-Forwarded-For` header in order.
pub fn of_request(
    connect_info: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> IpAddr {
    let peer = connect_info.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(addr))| addr.ip(),
    );
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    resolve(peer, entries.into_iter(), trusted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn client(peer: &str, header: &str, trusted: &[&str]) -> IpAddr {
        let trusted: Vec<IpAddr> = trusted.iter().map(|t| ip(t)).collect();
        resolve(
            ip(peer),
            header.split(',').filter(|e| !e.is_empty()),
            &trusted,
        )
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        assert_eq!(
            client("203.0.113.9", "198.51.100.1", &[]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let proxy = "10.0.0.2";
        assert_eq!(client(proxy, "198.51.100.7", &[proxy]), ip("198.51.100.7"));
    }

    #[test]
    fn what_the_client_wrote_before_the_proxy_is_not_believed() {
        // The client sent "X-Forwarded-For: 192.0.2.1"; the proxy appended the real peer.
        let proxy = "10.0.0.2";
        assert_eq!(
            client(proxy, "192.0.2.1, 198.51.100.7", &[proxy]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_followed_to_its_end() {
        let (edge, inner) = ("10.0.0.1", "10.0.0.2");
        assert_eq!(
            client(inner, "192.0.2.1, 198.51.100.7, 10.0.0.1", &[edge, inner]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_malformed_entry_stops_at_the_last_trusted_hop() {
        let proxy = "10.0.0.2";
        assert_eq!(client(proxy, "unknown", &[proxy]), ip(proxy));
        assert_eq!(client(proxy, "", &[proxy]), ip(proxy));
    }
}
