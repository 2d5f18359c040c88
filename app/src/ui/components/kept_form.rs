//! A form whose text is never lost. Without JavaScript it is a plain form posting to a
//! server function. Once hydrated, every keystroke is kept on the device (localStorage)
//! until the server has saved it; the form is sent in place, so a refusal, a dropped
//! connection or a reload leaves the text where it was, with the error beside the field it
//! names; a save the connection dropped goes again by itself once the browser is back
//! online. After a conflict (someone else saved first) the page is reloaded with the newest
//! saved version, the user's own text is put back in the form, and the saved version is
//! shown beside it, so nobody overwrites anybody without seeing it.
//!
//! Drafts are keyed by the person and the form, so another person using the same browser
//! never gets them in their forms. They are forgotten as soon as the login is seen to have
//! ended: a save answered 401 (timed out, or logged out elsewhere) forgets every draft, and
//! so does every page rendered for a visitor who is not logged in (`ForgetDrafts`, in the
//! layout). A form without a draft key (one of national identity numbers) keeps nothing on
//! the device but is still sent in place.
//!
//! Once saved, the page is shown again, or the page the server function sends the browser
//! on to (`leptos_axum::redirect`): a plain form follows the 302, this island the
//! `Location` header.
//!
//! A refusal is shown in the server's words (the `message` it adds beside the error's code,
//! in the person's language): the island reads only the code and the field, so neither the
//! error types' decoding nor every error's text in every language is in the WASM.

use crate::i18n::{DraftTexts, Lang};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlFormElement, Storage, UrlSearchParams};

/// The draft key of `form` for the person this page is rendered for.
pub fn draft_key(form: impl std::fmt::Display) -> String {
    let person = crate::api::identity::use_identity()
        .map(|identity| identity.person_id.to_string())
        .unwrap_or_default();
    format!("{person}/{form}")
}

#[island]
pub fn KeptForm(
    /// The server function's URL.
    #[prop(into)]
    action: String,
    /// Names the form and whose it is: "<person>/<form>". Without it nothing is kept.
    #[prop(optional, into)]
    draft: Option<String>,
    lang: Lang,
    #[prop(into)] class: String,
    children: Children,
) -> impl IntoView {
    let t = lang.draft();
    let form = NodeRef::<leptos::html::Form>::new();
    let message = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let key = draft.map(|draft| format!("{DRAFT_PREFIX}{draft}"));

    Effect::new({
        let key = key.clone();
        move |_| {
            let (Some(form), Some(key)) = (form.get(), key.as_deref()) else {
                return;
            };
            // After a conflict: what the server said about it.
            let conflict = take(&conflict_key(key));
            // Text typed before the page came alive stays as typed, and is kept on the device
            // with the next keystroke or when sent in place. Keeping it now would keep what a
            // plain form may be sending at this very moment, and the page that save leads to
            // would bring it back as "not saved" (someone then sends it twice).
            if typed_before_hydration(&form) {
                return;
            }
            if restore(&form, key, conflict.is_some(), t) {
                // A draft folded away in a closed <details> would go unseen.
                if let Ok(Some(details)) = form.closest("details") {
                    let _ = details.set_attribute("open", "");
                }
                message.set(Some(
                    conflict.unwrap_or_else(|| t.draft_restored.to_string()),
                ));
            }
        }
    });

    let on_input = {
        let key = key.clone();
        move |_: web_sys::Event| {
            if let (Some(form), Some(key)) = (form.get_untracked(), key.as_deref()) {
                keep(&form, key);
            }
        }
    };

    let target = action.clone();
    let submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let Some(form) = form.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        if let Some(key) = &key {
            keep(&form, key);
        }
        pending.set(true);
        message.set(None);
        clear_field_errors(&form);
        let (key, action) = (key.clone(), target.clone());
        leptos::task::spawn_local(async move {
            let sent = send(&form, &action).await;
            pending.set(false);
            match (sent, key.as_deref()) {
                (Ok(next), key) => {
                    if let Some(key) = key {
                        forget(key);
                    }
                    go_on(next);
                }
                // The login has ended: what it wrote must not stay on a device that may be
                // shared. The text is still in the form, to copy.
                (Err(Some(refusal)), _) if refusal.code == "unauthorized" => {
                    forget_all_drafts();
                    message.set(Some(t.draft_logged_out.to_string()));
                }
                // The reloaded page shows the newest version beside the kept text.
                (Err(Some(refusal)), Some(key)) if refusal.code == "conflict" => {
                    remember(&conflict_key(key), &refusal.text(t));
                    go_on(None);
                }
                (Err(Some(refusal)), _) => {
                    let text = refusal.text(t);
                    if let Some(field) = &refusal.field {
                        mark_field(&form, &data_field(field), &text);
                    }
                    message.set(Some(text));
                }
                (Err(None), Some(_)) => {
                    message.set(Some(t.draft_offline.to_string()));
                    save_when_online(&form);
                }
                // Nothing is kept on the device: the text is only in the form.
                (Err(None), None) => message.set(Some(t.unavailable.to_string())),
            }
        });
    };

    view! {
        <form node_ref=form method="post" action=action class=class on:input=on_input on:submit=submit aria-busy=move || pending.get().then_some("true")>
            {children()}
            {move || message.get().map(|text| view! { <p class="alert warning" role="alert">{text}</p> })}
            {move || pending.get().then(|| view! { <p class="hint" role="status">{t.saving}</p> })}
        </form>
    }
}

/// Forgets every draft kept on this device: on every page shown to a visitor who is not
/// logged in (after logging out, or once the login timed out or ended elsewhere), so that a
/// shared device keeps nothing anyone wrote.
#[island]
pub fn ForgetDrafts() -> impl IntoView {
    Effect::new(|_| forget_all_drafts());
}

fn forget_all_drafts() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let drafts: Vec<String> = (0..count)
        .filter_map(|n| storage.key(n).ok().flatten())
        .filter(|key| key.starts_with(DRAFT_PREFIX))
        .collect();
    for key in drafts {
        let _ = storage.remove_item(&key);
    }
}

/// A save the connection dropped is sent again once the browser is back online (once; a
/// save already under way is not sent twice, see `pending`).
fn save_when_online(form: &HtmlFormElement) {
    let form = form.clone();
    let again = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = form.request_submit();
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
        "online",
        again.unchecked_ref(),
        &options,
    );
}

/// The start of every draft's key in localStorage.
const DRAFT_PREFIX: &str = "stafett.draft.";

/// The flag that a draft's save met a conflict (holding what the server said), so the
/// reloaded page shows both versions.
fn conflict_key(key: &str) -> String {
    format!("{key}.conflict")
}

fn storage() -> Option<Storage> {
    window().local_storage().ok().flatten()
}

/// Removes and returns a flag's text.
fn take(flag: &str) -> Option<String> {
    let storage = storage()?;
    let text = storage.get_item(flag).ok().flatten();
    let _ = storage.remove_item(flag);
    text
}

fn remember(flag: &str, text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(flag, text);
    }
}

fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The form's fields as a query string (what the browser would send).
fn fields(form: &HtmlFormElement) -> Option<UrlSearchParams> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
}

/// Keeps what is in the form now.
fn keep(form: &HtmlFormElement, key: &str) {
    if let (Some(storage), Some(fields)) = (storage(), fields(form)) {
        // A full storage only means the draft is not kept; the form still works.
        let _ = storage.set_item(key, &String::from(fields.to_string()));
    }
}

/// The fields a person types in or chooses: not the hidden ones carrying ids and versions,
/// which must stay as the server sent them.
fn typed_fields(form: &HtmlFormElement) -> Vec<Element> {
    let Ok(found) = form.query_selector_all("textarea[name], select[name], input[name]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|n| found.item(n)?.dyn_into::<Element>().ok())
        .filter(|element| {
            !matches!(
                element.get_attribute("type").as_deref(),
                Some("hidden" | "submit" | "button")
            )
        })
        .collect()
}

/// Whether a text field holds something other than what the page was sent with.
fn typed_before_hydration(form: &HtmlFormElement) -> bool {
    typed_fields(form).iter().any(|element| {
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return area.default_value().is_ok_and(|sent| area.value() != sent);
        }
        element
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(|input| input.value() != input.default_value())
    })
}

fn value_of(element: &Element) -> Option<String> {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(area.value());
    }
    if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        return Some(select.value());
    }
    element
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(|input| input.value())
}

fn set_value(element: &Element, value: &str) {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    }
}

/// Puts a kept draft back into the form; true if it differed from what the page holds.
/// After a conflict, what the server holds now is shown beside each field that differs.
fn restore(form: &HtmlFormElement, key: &str, conflicted: bool, t: &'static DraftTexts) -> bool {
    let Some(saved) = storage().and_then(|storage| storage.get_item(key).ok().flatten()) else {
        return false;
    };
    let Ok(draft) = UrlSearchParams::new_with_str(&saved) else {
        return false;
    };
    let mut differed = false;
    for element in typed_fields(form) {
        let Some(name) = element.get_attribute("name") else {
            continue;
        };
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.type_() == "checkbox" || input.type_() == "radio" {
                let checked = draft.get_all(&name).includes(&input.value().into(), 0);
                differed |= input.checked() != checked;
                input.set_checked(checked);
                continue;
            }
        }
        let Some(value) = draft.get(&name) else {
            continue;
        };
        let current = value_of(&element).unwrap_or_default();
        if current == value {
            continue;
        }
        differed = true;
        if conflicted && !current.trim().is_empty() {
            show_saved_version(&element, &current, t);
        }
        set_value(&element, &value);
    }
    differed
}

fn show_saved_version(element: &Element, saved: &str, t: &'static DraftTexts) {
    let document = document();
    let Ok(block) = document.create_element("div") else {
        return;
    };
    block.set_class_name("saved-version");
    let heading = document.create_element("p").ok();
    let text = document.create_element("p").ok();
    if let (Some(heading), Some(text)) = (heading, text) {
        heading.set_text_content(Some(t.saved_version));
        heading.set_class_name("hint");
        text.set_text_content(Some(saved));
        text.set_class_name("entry-body");
        let _ = block.append_with_node_2(&heading, &text);
        let _ = element.after_with_node_1(&block);
    }
}

fn clear_field_errors(form: &HtmlFormElement) {
    if let Ok(found) = form.query_selector_all(".field-error[data-kept]") {
        for n in 0..found.length() {
            if let Some(node) = found
                .item(n)
                .and_then(|node| node.dyn_into::<Element>().ok())
            {
                node.remove();
            }
        }
    }
    for element in typed_fields(form) {
        let _ = element.remove_attribute("aria-invalid");
    }
}

/// The name a form's `data-field` gives the field an error names by its code
/// (`child_national_id` → `ChildNationalId`, as `Field`'s variant is called).
fn data_field(code: &str) -> String {
    code.split('_')
        .filter(|word| !word.is_empty())
        .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
        .collect()
}

/// Puts the error beside the field whose `data-field` names `<Field>` (one of its
/// space-separated words: a code field takes both a wrong and a spent code), and moves the
/// focus there.
fn mark_field(form: &HtmlFormElement, field: &str, text: &str) {
    let Ok(Some(element)) = form.query_selector(&format!("[data-field~=\"{field}\"]")) else {
        return;
    };
    let Ok(error) = document().create_element("span") else {
        return;
    };
    let id = format!("{}-error", element.id());
    error.set_class_name("field-error");
    error.set_id(&id);
    let _ = error.set_attribute("data-kept", "");
    error.set_text_content(Some(text));
    let _ = element.after_with_node_1(&error);
    // A group (the invitees' fieldset) takes no aria-invalid; its error follows it.
    if matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
        let _ = element.set_attribute("aria-invalid", "true");
    }
    let _ = element.set_attribute("aria-describedby", &id);
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Why the server function refused: the error's stable code (`ApiError`'s `error`), the
/// field it names (`invalid`), and the server's words for it.
struct Refusal {
    code: String,
    field: Option<String>,
    message: Option<String>,
}

impl Refusal {
    /// What the form says: the server's words, unless the answer was none of our errors
    /// (a proxy's page, say).
    fn text(&self, t: &DraftTexts) -> String {
        self.message
            .clone()
            .unwrap_or_else(|| t.unavailable.to_string())
    }
}

/// A text property of a JSON object, if it has one.
fn text_of(object: &JsValue, name: &str) -> Option<String> {
    web_sys::js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// Posts the form to the server function as the browser would, asking for JSON back.
/// `Ok(Some(path))`: saved, and the server sends the browser on to `path`.
/// `Err(None)`: the server could not be reached.
async fn send(form: &HtmlFormElement, action: &str) -> Result<Option<String>, Option<Refusal>> {
    use wasm_bindgen_futures::JsFuture;
    let body = fields(form).ok_or(None)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body);
    let headers = web_sys::Headers::new().map_err(|_| None)?;
    headers
        .set("Accept", "application/json")
        .map_err(|_| None)?;
    init.set_headers(&headers);
    let response = JsFuture::from(window().fetch_with_str_and_init(action, &init))
        .await
        .map_err(|_| None)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| None)?;
    if response.ok() {
        return Ok(response.headers().get("Location").ok().flatten());
    }
    // The browser's own JSON parser: an answer that is not JSON is an error without words.
    let error = match response.json() {
        Ok(promise) => JsFuture::from(promise).await.unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    };
    let text = |name| text_of(&error, name);
    Err(Some(Refusal {
        code: text("error").unwrap_or_default(),
        field: text("field"),
        message: text("message"),
    }))
}

/// Goes on to `next`, or shows the page again as the server has it now, without an old
/// error in the address.
fn go_on(next: Option<String>) {
    let location = window().location();
    let _ = match next {
        Some(next) => location.assign(&next),
        None => {
            let path = location.pathname().unwrap_or_else(|_| "/".to_string());
            location.replace(&path)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::data_field;
    use crate::model::error::Field;

    #[test]
    fn an_errors_field_code_names_the_field_as_data_field_does() {
        for field in [
            Field::Title,
            Field::ChildNationalId,
            Field::VideoUrl,
            Field::Csv,
            Field::NothingToObjectTo,
        ] {
            let code = serde_json::to_value(field).expect("code");
            let code = code.as_str().expect("text");
            assert_eq!(data_field(code), format!("{field:?}"), "{code}");
        }
    }
}
