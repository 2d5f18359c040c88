//! The routes of the application.

use crate::i18n::use_lang;
use crate::ui::components::layout::Layout;
use crate::ui::pages::admin::{
    AdminPage, ImportPage, ImportReportPage, NewUnitPage, UnitAdminPage,
};
use crate::ui::pages::directory::DirectoryPage;
use crate::ui::pages::family_request::AskForLogPage;
use crate::ui::pages::log::{ConsentsPage, HolderPage, InsightPage, LogPage, ParticipantsPage};
use crate::ui::pages::login::{ChildLoginPage, CodePage, LoggedOutPage, LoginPage, NoLogPage};
use crate::ui::pages::lookups::LookupsPage;
use crate::ui::pages::me::{MePage, SessionsPage};
use crate::ui::pages::meetings::{MeetingPage, MeetingsPage};
use crate::ui::pages::new_log::NewLogPage;
use crate::ui::pages::plan::PlanPage;
use crate::ui::pages::unit_logs::UnitLogsPage;
use crate::ui::pages::{not_found::NotFoundPage, unit::UnitPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The application: every route, inside the common layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = use_lang().texts();

    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { t.app_name.to_string() } else { format!("{page} – {}", t.app_name) }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    // Async: the data is in place when the HTML is sent, so the status code
                    // (e.g. 404) can still be set and the page works without JavaScript.
                    <Route path=path!("/") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/units/:unit_id") view=UnitPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/login/child") view=ChildLoginPage ssr=SsrMode::Async />
                    <Route path=path!("/login/child/code") view=CodePage ssr=SsrMode::Async />
                    <Route path=path!("/login/no-log") view=NoLogPage ssr=SsrMode::Async />
                    <Route path=path!("/logged-out") view=LoggedOutPage ssr=SsrMode::Async />
                    <Route path=path!("/me") view=MePage ssr=SsrMode::Async />
                    <Route path=path!("/sessions") view=SessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/lookups") view=LookupsPage ssr=SsrMode::Async />
                    <Route path=path!("/unit-logs") view=UnitLogsPage ssr=SsrMode::Async />
                    <Route path=path!("/ask-for-log") view=AskForLogPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/units/new") view=NewUnitPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/units/:unit_id") view=UnitAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import/:import_id") view=ImportReportPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/new") view=NewLogPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id") view=LogPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/consents") view=ConsentsPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/holder") view=HolderPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/insight") view=InsightPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/participants") view=ParticipantsPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/plan") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/meetings") view=MeetingsPage ssr=SsrMode::Async />
                    <Route path=path!("/logs/:log_id/meetings/:meeting_id") view=MeetingPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
