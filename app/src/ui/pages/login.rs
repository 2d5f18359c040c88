//! The login pages: the choice of login, the child's username/password and code steps, the
//! page for a person with no log, and the logged-out page. Plain forms posting to the
//! server's `/auth/*` routes: they work before hydration and without JavaScript.

use crate::i18n::use_lang;
use crate::model::identity::LoginProblem;
use crate::ui::pages::passkeys::PasskeyLogin;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|query| query.get(name))
}

/// The `return_to` of this page's query, if it is a local path.
fn return_to() -> String {
    query("return_to")
        .filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\"))
        .unwrap_or_else(|| "/me".into())
}

#[component]
fn Problem() -> impl IntoView {
    let t = use_lang().texts();
    let problem = query("error").and_then(|code| LoginProblem::from_code(&code));
    let tries_left = query("left").and_then(|left| left.parse::<u32>().ok());
    problem.map(|problem| {
        view! {
            <p class="alert error" role="alert">
                {(t.login_problem)(problem)}
                {tries_left.map(|left| view! { " " {(t.code_tries_left)(left)} })}
            </p>
        }
    })
}

fn idporten_login() -> String {
    format!(
        "/auth/login?return_to={}",
        urlencoding_component(&return_to())
    )
}

/// `/login`: ID-porten for adults and staff, a way in for children under 15.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_lang().texts();
    let idporten = idporten_login();
    let child = format!(
        "/login/child?return_to={}",
        urlencoding_component(&return_to())
    );
    view! {
        <Title text=t.login_title />
        <h1>{t.login_title}</h1>
        <Problem />
        <p class="lead">{t.login_intro}</p>
        <p><a class="button primary" href=idporten>{t.login_idporten}</a></p>
        <p class="hint">{t.login_idporten_hint}</p>
        <p><a href=child>{t.login_child_link}</a></p>
    }
}

/// `/login/child`: username and password.
#[component]
pub fn ChildLoginPage() -> impl IntoView {
    let t = use_lang().texts();
    // A failed attempt keeps what was typed, except the password.
    let username = query("username").unwrap_or_default();
    // A child who has turned 15 is shown the way in from now on.
    let grown = query("error").as_deref() == Some(LoginProblem::Grown.code());
    view! {
        <Title text=t.child_login_title />
        <h1>{t.child_login_title}</h1>
        <Problem />
        {grown.then(|| view! {
            <p><a class="button primary" href=idporten_login()>{t.login_idporten}</a></p>
        })}
        <p class="lead">{t.child_login_intro}</p>
        <form class="stacked" method="post" action="/auth/child/password">
            <div class="field">
                <label for="username">{t.username_label}</label>
                <input id="username" name="username" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required value=username />
            </div>
            <div class="field">
                <label for="password">{t.password_label}</label>
                <input id="password" name="password" type="password"
                    autocomplete="current-password" required />
            </div>
            <input type="hidden" name="return_to" value=return_to() />
            // Once ID-porten leads, it is the page's one primary action.
            <button type="submit" class=if grown { "button secondary" } else { "button primary" }>
                {t.next}
            </button>
        </form>
        <PasskeyLogin return_to=return_to() primary=!grown />
    }
}

/// `/login/child/code`: the one-time code.
#[component]
pub fn CodePage() -> impl IntoView {
    let t = use_lang().texts();
    let by_sms = query("sent").as_deref() == Some("sms");
    let resent = query("error").is_none();
    view! {
        <Title text=t.code_title />
        <h1>{t.code_title}</h1>
        <Problem />
        {resent.then(|| view! { <p class="lead">{(t.code_sent)(by_sms)}</p> })}
        <form class="stacked" method="post" action="/auth/child/code">
            <div class="field">
                <label for="code">{t.code_label}</label>
                <span class="hint" id="code-hint">{t.code_hint}</span>
                <input id="code" name="code" type="text" inputmode="numeric"
                    autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="9" required
                    aria-describedby="code-hint" />
            </div>
            <button type="submit" class="button primary">{t.code_submit}</button>
        </form>
        <p><a href="/login/child">{t.code_restart}</a></p>
    }
}

/// `/login/no-log`: ID-porten knew the person, Stafett does not.
#[component]
pub fn NoLogPage() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <Title text=t.no_log_title />
        <h1>{t.no_log_title}</h1>
        <p class="lead">{t.no_log_body}</p>
        <p>{t.no_log_contact}</p>
        <p><a href="/">{t.find_contact}</a></p>
    }
}

/// `/logged-out`.
#[component]
pub fn LoggedOutPage() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <Title text=t.logged_out_title />
        <h1>{t.logged_out_title}</h1>
        <p class="lead">{t.logged_out_body}</p>
        <p><a class="button primary" href="/login">{t.login_again}</a></p>
    }
}

/// Percent-encodes a query value (the router's own encoder is not public).
pub fn urlencoding_component(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
