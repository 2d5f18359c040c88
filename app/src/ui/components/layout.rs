use crate::api::identity::use_identity;
use crate::i18n::use_lang;
use crate::ui::components::hydration_marker::HydrationMarker;
use crate::ui::components::kept_form::ForgetDrafts;
use crate::ui::components::language_form::LanguageForm;
use leptos::prelude::*;

/// The frame of every page: skip link, header with the language choice, main, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="32" height="32" />
                <span class="brand-name">{t.app_name}</span>
            </a>
            <nav class="account" aria-label=t.my_page>
                {match use_identity() {
                    Some(identity) => view! {
                        <a href="/me">{identity.full_name()}</a>
                        <form method="post" action="/auth/logout">
                            <button type="submit" class="button secondary">{t.logout}</button>
                        </form>
                    }.into_any(),
                    // Nobody is logged in here: no draft may stay on the device.
                    None => view! {
                        <a href="/login">{t.login_link}</a>
                        <ForgetDrafts />
                    }.into_any(),
                }}
            </nav>
            <LanguageForm />
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t.footer}</p>
        </footer>
        // Last, so it hydrates after every other island on the page.
        <HydrationMarker />
    }
}
