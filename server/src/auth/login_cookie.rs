//! The login cookie: a random token whose SHA-256 names a row of `login_session`. Learning
//! who asks is then one statement on the login itself (`app::server::identity::resume`),
//! with no server-side session to load first; tower-sessions keeps only the state before a
//! login. The token is new at every login, so a cookie set before a login never becomes
//! one (no session fixation), and the database holds only its hash.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use tower_sessions::cookie::{Cookie, SameSite};

/// The cookie's name: `__Host-` prefixed when cookies are `Secure` (always, outside
/// plain-http loopback).
pub fn name(secure: bool) -> &'static str {
    if secure {
        "__Host-stafett_login"
    } else {
        "stafett_login"
    }
}
const TOKEN_BYTES: usize = 32;

/// A fresh login token, from the operating system's random source.
pub fn new_token() -> [u8; TOKEN_BYTES] {
    let mut token = [0; TOKEN_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut token);
    token
}

/// The token the browser sent, if it sent a well-formed one.
pub fn token(headers: &HeaderMap, secure: bool) -> Option<Vec<u8>> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name(secure))
        .and_then(|cookie| URL_SAFE_NO_PAD.decode(cookie.value()).ok())
        .filter(|token| token.len() == TOKEN_BYTES)
}

/// Gives the browser `token`. It lives as long as a login may (12 hours); the idle limit
/// is kept in `login_session`.
pub fn set(response: &mut Response, token: &[u8], secure: bool) {
    let cookie = base(URL_SAFE_NO_PAD.encode(token), secure).max_age(time::Duration::hours(12));
    append(response, cookie.build());
}

/// Makes the browser forget its login token.
pub fn clear(response: &mut Response, secure: bool) {
    let cookie = base(String::new(), secure).max_age(time::Duration::ZERO);
    append(response, cookie.build());
}

fn base(value: String, secure: bool) -> tower_sessions::cookie::CookieBuilder<'static> {
    Cookie::build((name(secure), value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
}

fn append(response: &mut Response, cookie: Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_read_back_from_among_other_cookies() {
        let token = new_token();
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_str(&format!(
                "stafett_lang=nn; __Host-stafett_login={}; stafett_session=x",
                URL_SAFE_NO_PAD.encode(token)
            ))
            .expect("header"),
        );
        assert_eq!(super::token(&headers, true).as_deref(), Some(&token[..]));
        assert_eq!(super::token(&headers, false), None, "not by another name");
    }

    #[test]
    fn a_malformed_or_short_token_is_no_token() {
        for value in ["not base64!", "c2hvcnQ", ""] {
            let mut headers = HeaderMap::new();
            headers.insert(
                COOKIE,
                HeaderValue::from_str(&format!("stafett_login={value}")).expect("header"),
            );
            assert_eq!(super::token(&headers, false), None, "{value}");
        }
    }

    #[test]
    fn two_tokens_differ() {
        assert_ne!(new_token(), new_token());
    }

    #[test]
    fn the_cookie_is_http_only_same_site_and_cleared_with_max_age_zero() {
        let mut response = Response::new(axum::body::Body::empty());
        set(&mut response, &new_token(), true);
        clear(&mut response, true);
        let cookies: Vec<_> = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|value| value.to_str().expect("ascii").to_owned())
            .collect();
        assert!(cookies[0].contains("HttpOnly") && cookies[0].contains("SameSite=Lax"));
        assert!(cookies[0].contains("Secure") && cookies[0].contains("Max-Age=43200"));
        assert!(cookies[0].starts_with("__Host-stafett_login=") && !cookies[0].contains("Domain"));
        assert!(
            cookies[1].starts_with("__Host-stafett_login=;") && cookies[1].contains("Max-Age=0")
        );
    }
}
