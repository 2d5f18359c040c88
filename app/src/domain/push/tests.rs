use super::*;
use proptest::prelude::*;

const P256DH: &str =
    "BGa4N1PI79lboMR_YrwCiCsgp35DRvedt7opHcf0yM3iOBTSoQYqQLwWxAfRKE6tsDnReWmhsImkhDF_DBdkNSU";
const AUTH: &str = "EvcWjEgzr4rbvhfi3yds0A";

fn subscription(endpoint: &str) -> Subscription {
    Subscription {
        endpoint: endpoint.into(),
        keys: SubscriptionKeys {
            p256dh: P256DH.into(),
            auth: AUTH.into(),
        },
    }
}

/// Each endpoint, and what the rule says of it with no host allowed.
const ENDPOINTS: &[(&str, Result<(), Refusal>)] = &[
    ("https://fcm.googleapis.com/fcm/send/abc:def", Ok(())),
    (
        "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
        Ok(()),
    ),
    ("https://web.push.apple.com/QGuQyavXu", Ok(())),
    ("https://push.example.no:8443/p/1", Ok(())),
    ("HTTPS://FCM.GOOGLEAPIS.COM/x", Ok(())),
    ("https://8.8.8.8/push", Ok(())),
    ("https://[2001:4860::8888]/push", Ok(())),
    (
        "http://fcm.googleapis.com/fcm/send/abc",
        Err(Refusal::NotHttps),
    ),
    ("https://localhost/push", Err(Refusal::PrivateHost)),
    ("https://localhost./push", Err(Refusal::PrivateHost)),
    ("https://push.localhost/push", Err(Refusal::PrivateHost)),
    ("https://printer.local/push", Err(Refusal::PrivateHost)),
    ("https://intranet/push", Err(Refusal::PrivateHost)),
    ("https://127.0.0.1/push", Err(Refusal::PrivateHost)),
    ("https://127.1.2.3:9000/push", Err(Refusal::PrivateHost)),
    ("https://10.0.0.5/push", Err(Refusal::PrivateHost)),
    ("https://172.16.0.1/push", Err(Refusal::PrivateHost)),
    ("https://192.168.1.1/push", Err(Refusal::PrivateHost)),
    (
        "https://169.254.169.254/latest/meta-data",
        Err(Refusal::PrivateHost),
    ),
    ("https://100.64.0.1/push", Err(Refusal::PrivateHost)),
    ("https://0.0.0.0/push", Err(Refusal::PrivateHost)),
    ("https://2130706433/push", Err(Refusal::PrivateHost)),
    ("https://0x7f.1/push", Err(Refusal::PrivateHost)),
    ("https://[::1]/push", Err(Refusal::PrivateHost)),
    ("https://[::ffff:127.0.0.1]/push", Err(Refusal::PrivateHost)),
    ("https://[fd00::1]/push", Err(Refusal::PrivateHost)),
    ("https://[fe80::1]/push", Err(Refusal::PrivateHost)),
    ("https://user@fcm.googleapis.com/x", Err(Refusal::NotUrl)),
    ("https://fcm.googleapis.com:x/x", Err(Refusal::NotUrl)),
    ("ftp://fcm.googleapis.com/x", Err(Refusal::NotUrl)),
    ("fcm.googleapis.com/x", Err(Refusal::NotUrl)),
    ("https:///x", Err(Refusal::NotUrl)),
    ("https://fcm.googleapis.com /x", Err(Refusal::NotUrl)),
];

#[test]
fn endpoints_as_the_table_says() {
    for (endpoint, expected) in ENDPOINTS {
        assert_eq!(check_endpoint(endpoint, &[]), *expected, "{endpoint}");
    }
}

#[test]
fn a_host_named_in_the_configuration_is_allowed_even_over_http() {
    let allowed = vec!["127.0.0.1:8595".to_string()];
    assert_eq!(
        check_endpoint("http://127.0.0.1:8595/push/a", &allowed),
        Ok(())
    );
    // Only that host and port.
    assert_eq!(
        check_endpoint("http://127.0.0.1:8596/push/a", &allowed),
        Err(Refusal::NotHttps)
    );
    assert_eq!(
        check_endpoint("https://127.0.0.1:8596/push/a", &allowed),
        Err(Refusal::PrivateHost)
    );
}

#[test]
fn keys_must_be_a_p256_point_and_a_16_byte_secret() {
    let good = subscription("https://fcm.googleapis.com/fcm/send/a");
    assert_eq!(accept(&good, &[]), Ok(good.clone()));
    let mut padded = good.clone();
    padded.keys.auth = format!("{AUTH}==");
    assert_eq!(accept(&padded, &[]), Ok(good.clone()));
    for (p256dh, auth) in [
        (&P256DH[1..], AUTH),
        (&P256DH.replacen('B', "A", 1)[..], AUTH),
        (&P256DH.replacen('G', "+", 1)[..], AUTH),
        (P256DH, &AUTH[1..]),
        (P256DH, "EvcWjEgzr4rbvhfi3yds0/"),
        ("", ""),
    ] {
        let mut bad = good.clone();
        bad.keys = SubscriptionKeys {
            p256dh: p256dh.into(),
            auth: auth.into(),
        };
        assert_eq!(accept(&bad, &[]), Err(Refusal::BadKeys), "{p256dh} {auth}");
    }
}

#[test]
fn a_bad_endpoint_is_refused_before_the_keys_are_looked_at() {
    let mut bad = subscription("http://fcm.googleapis.com/x");
    bad.keys.auth = String::new();
    assert_eq!(accept(&bad, &[]), Err(Refusal::NotHttps));
}

proptest! {
    #[test]
    fn no_private_or_loopback_ipv4_is_ever_allowed(a in 0u8..=255, b in 0u8..=255, c in 0u8..=255, d in 0u8..=255, port in proptest::option::of(1u16..)) {
        let ip = std::net::Ipv4Addr::new(a, b, c, d);
        let port = port.map(|port| format!(":{port}")).unwrap_or_default();
        let verdict = check_endpoint(&format!("https://{ip}{port}/push"), &[]);
        if ip.is_private() || ip.is_loopback() || ip.is_link_local() || ip.is_unspecified() || a == 0 {
            prop_assert_eq!(verdict, Err(Refusal::PrivateHost));
        }
        // Over http nothing is allowed, public or not.
        let over_http = format!("http://{ip}{port}/push");
        prop_assert!(check_endpoint(&over_http, &[]).is_err());
    }

    #[test]
    fn an_allowed_host_is_allowed_whatever_its_address(a in 0u8..=255, d in 0u8..=255, port in 1u16..) {
        let host = format!("{a}.0.0.{d}:{port}");
        prop_assert_eq!(check_endpoint(&format!("http://{host}/push/x"), std::slice::from_ref(&host)), Ok(()));
    }

    #[test]
    fn nothing_panics(endpoint in ".{0,80}") {
        let _ = check_endpoint(&endpoint, &[]);
    }
}
