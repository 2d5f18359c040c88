//! The administrator's pages: `/admin` (the municipality's units and administrators),
//! `/admin/units/new` and `/admin/units/<id>` (a unit's details and staff), `/admin/import`
//! and `/admin/import/<id>` (a CSV import of staff and its dry run). Rendered on the server;
//! every form works without JavaScript.

mod import;
mod unit;

pub use import::{ImportPage, ImportReportPage};
pub use unit::{NewUnitPage, UnitAdminPage};

use crate::api::admin::{municipality_overview, SetAdministrator};
use crate::i18n::use_lang;
use crate::ui::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin`: the municipality's units with their staff and leaders, and its administrators.
#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_lang().texts();
    let a = &t.admin;
    let imported = use_query_map().with_untracked(|query| query.get("imported").is_some());
    let overview = Resource::new(|| (), |_| municipality_overview());
    view! {
        <Title text=a.title />
        <Suspense>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! {
                        <h1>{a.title}</h1>
                        <p class="lead">{(a.intro)(&overview.municipality_name)}</p>
                        {imported.then(|| view! { <p role="status" class="alert success">{a.imported}</p> })}
                        <p class="actions">
                            <a class="button primary" href="/admin/units/new">{a.new_unit}</a>
                            <a class="button secondary" href="/admin/import">{a.import_link}</a>
                        </p>
                        <h2>{a.units_heading}</h2>
                        {if overview.units.is_empty() {
                            view! { <p class="empty-state">{a.no_units}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=a.units_heading>
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{a.col_name}</th>
                                            <th scope="col">{a.col_kind}</th>
                                            <th scope="col">{a.col_staff}</th>
                                            <th scope="col">{a.col_leaders}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {overview.units.into_iter().map(|unit| view! {
                                            <tr>
                                                <td><a href=format!("/admin/units/{}", unit.unit_id)>{unit.name}</a></td>
                                                <td>{(t.directory.kind)(unit.kind)}</td>
                                                <td>{unit.members}</td>
                                                <td>{unit.leaders.join(", ")}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }.into_any()
                        }}
                        <h2>{a.administrators_heading}</h2>
                        <p class="hint">{a.administrators_intro}</p>
                        <ul class="plain" aria-label=a.administrators_heading>
                            {overview.administrators.into_iter().map(|admin| view! {
                                <li class="actions">
                                    <span>{admin.name.clone()}</span>
                                    <form method="post" action=SetAdministrator::url()>
                                        <input type="hidden" name="person_id" value=admin.person_id.to_string() />
                                        <button type="submit" class="button secondary"
                                            aria-label=format!("{}: {}", a.unmake_admin, admin.name)>
                                            {a.unmake_admin}
                                        </button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
