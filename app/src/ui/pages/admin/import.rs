//! A CSV import of staff: paste the file, see the dry run row by row, then import.

use crate::api::admin::{dry_run_import, ApplyImport, CheckImport};
use crate::i18n::{use_lang, Texts};
use crate::model::admin::{ImportReport, RowResult};
use crate::model::error::{ApiError, Field};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::KeptForm;
use crate::ui::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// `/admin/import`: the CSV to check. No draft: the file holds national identity numbers.
#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_lang().texts();
    let a = &t.admin;
    view! {
        <Title text=a.import_title />
        <p class="breadcrumb"><a href="/admin">{a.back}</a></p>
        <h1>{a.import_title}</h1>
        <FormError />
        <p class="lead">{a.import_intro}</p>
        <CsvForm t />
    }
}

#[component]
fn CsvForm(t: &'static Texts) -> impl IntoView {
    let a = &t.admin;
    view! {
        <KeptForm action=CheckImport::url() lang=use_lang() class="stacked">
            <p>{a.import_columns}</p>
            <label for="csv">{a.csv_label}</label>
            <p class="hint example" id="csv-hint">{a.csv_hint}</p>
            <textarea id="csv" name="csv" rows="10" required spellcheck="false"
                aria-describedby="csv-hint" data-field=format!("{:?}", Field::Csv)></textarea>
            <button type="submit" class="button primary">{a.check_import}</button>
        </KeptForm>
    }
}

/// `/admin/import/<id>`: what the administrator's pending import would change, row by row,
/// and the button to apply it when no row is refused. 404 for anyone else's.
#[component]
pub fn ImportReportPage() -> impl IntoView {
    let t = use_lang().texts();
    let import_id = use_params_map()
        .with_untracked(|p| p.get("import_id").and_then(|id| Uuid::parse_str(&id).ok()));
    let report = Resource::new(
        move || import_id,
        |import_id| async move {
            match import_id {
                Some(import_id) => dry_run_import(import_id).await,
                None => Err(ApiError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.admin.report_title />
        <Suspense>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <Report report t /> }.into_any(),
                    Err(ApiError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: ImportReport, t: &'static Texts) -> impl IntoView {
    let a = &t.admin;
    let (rows, refused) = (report.rows.len(), report.refused());
    let can_apply = report.can_apply();
    let import_id = report.staff_import_id.to_string();
    view! {
        <p class="breadcrumb"><a href="/admin">{a.back}</a></p>
        <h1>{a.report_title}</h1>
        <FormError />
        <p class="lead">{a.report_intro}</p>
        {if can_apply {
            view! { <p role="status" class="alert success">{(a.ready)(rows)}</p> }.into_any()
        } else {
            view! { <p role="alert" class="alert error">{(a.refused_count)(refused, rows)}</p> }.into_any()
        }}
        <div class="table-scroll" tabindex="0" role="region" aria-label=a.report_title>
        <table>
            <thead>
                <tr>
                    <th scope="col">{a.col_line}</th>
                    <th scope="col">{a.col_person}</th>
                    <th scope="col">{a.col_result}</th>
                </tr>
            </thead>
            <tbody>
                {report.rows.into_iter().map(|row| view! {
                    <tr>
                        <td>{row.line}</td>
                        // The unit under the name: three columns fit a phone.
                        <td>{row.name} <br /> <span class="hint">{row.unit}</span></td>
                        <td>{match row.result {
                            RowResult::Accepted { outcome } => view! {
                                {(a.staff_change)(outcome.staff)} ", " {(a.membership_change)(outcome.membership)}
                            }.into_any(),
                            RowResult::Refused { field } => view! {
                                <span class="badge warning">{a.refused}</span> " " {(t.form.field_error)(field)}
                            }.into_any(),
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {can_apply.then(|| view! {
            <form method="post" action=ApplyImport::url() class="stacked">
                <input type="hidden" name="staff_import_id" value=import_id />
                <button type="submit" class="button primary">{a.apply_import}</button>
            </form>
        })}
        <h2>{a.check_another}</h2>
        <CsvForm t />
    }
}
