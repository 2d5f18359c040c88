//! `/unit-logs`: for a unit leader, the logs held in the units they lead, with holder and
//! any offer waiting, each a link to where the leader may appoint a holder.

use crate::api::baton::unit_logs;
use crate::i18n::use_lang;
use crate::ui::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UnitLogsPage() -> impl IntoView {
    let t = use_lang().texts();
    let b = &t.baton;
    let logs = Resource::new(|| (), |_| unit_logs());
    view! {
        <Title text=b.unit_logs_title />
        <h1>{b.unit_logs_title}</h1>
        <p class="lead">{b.unit_logs_intro}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match logs.await {
                    Ok(logs) if logs.is_empty() => view! { <p class="empty-state">{b.no_unit_logs}</p> }.into_any(),
                    Ok(logs) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=b.unit_logs_title>
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{b.col_child}</th>
                                        <th scope="col">{b.col_unit}</th>
                                        <th scope="col">{b.col_status}</th>
                                        <th scope="col">{b.col_holder}</th>
                                        <th scope="col">{b.col_offer}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {logs.into_iter().map(|log| view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/logs/{}/holder", log.log_id)>{log.child_name}</a>
                                            </th>
                                            <td>{log.unit_name}</td>
                                            <td>{(t.log.status)(log.status)}</td>
                                            <td>{log.holder_name}</td>
                                            <td>{log.offered_to.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
