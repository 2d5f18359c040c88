//! `/lookups`: for a unit leader, who in the unit has looked children up in the population
//! register, when, and what came of it.

use crate::api::log::register_lookups;
use crate::i18n::use_lang;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::when::{Time, When};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LookupsPage() -> impl IntoView {
    let t = use_lang().texts();
    let records = Resource::new(|| (), |_| register_lookups());
    view! {
        <Title text=t.log.lookups_title />
        <Suspense>
            {move || Suspend::new(async move {
                match records.await {
                    Ok(records) => view! {
                        <h1>{t.log.lookups_title}</h1>
                        <p class="lead">{t.log.lookups_intro}</p>
                        {if records.is_empty() {
                            view! { <p class="empty-state">{t.log.no_lookups}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t.log.lookups_title>
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t.log.lookup_when}</th>
                                            <th scope="col">{t.log.lookup_who}</th>
                                            <th scope="col">{t.log.lookup_unit}</th>
                                            <th scope="col">{t.log.lookup_number}</th>
                                            <th scope="col">{t.log.lookup_result}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {records.into_iter().map(|record| view! {
                                            <tr>
                                                <td><Time when=When::Moment(record.looked_up_at) /></td>
                                                <td>{record.staff_name}</td>
                                                <td>{record.unit_name}</td>
                                                <td>{record.number_hint}</td>
                                                <td>{(t.log.lookup_outcome)(&record.outcome)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
