//! `/logs/<id>/participants`: the parts staff take in the log, with what each is responsible
//! for and how to reach them, and who left when. A participant keeps their own part up to
//! date and may leave; the holder may take a participant out, and bring a new one in. That
//! form lists the municipality's staff, so it is here rather than on the log page, which a
//! holder opens far more often than they bring someone in.

use super::shared::{log_id_param, refusal};
use crate::api::log::{
    log_participants, staff_choices, AddParticipant, LeaveLog, UpdateParticipation,
};
use crate::i18n::{use_lang, Lang, Texts};
use crate::model::error::ApiError;
use crate::model::log::{Participation, Participations};
use crate::ui::components::form_error::FormError;
use crate::ui::components::staff_select::StaffSelect;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use uuid::Uuid;

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let log_id = log_id_param();
    let data = Resource::new(
        move || log_id,
        |log_id| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>((log_id, log_participants(log_id).await?))
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((log_id, parts)) => view! { <Parts log_id parts lang /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Parts(log_id: Uuid, parts: Participations, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let title = (t.log.parts_title)(&parts.child_name);
    let holds = parts.holds;
    let (current, former): (Vec<_>, Vec<_>) = parts
        .parts
        .into_iter()
        .partition(|part| part.left_at.is_none());
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="screen-only"><a href=format!("/logs/{log_id}")>{t.plan.back_to_log}</a></p>
        <FormError />
        <h2>{t.log.current_parts}</h2>
        <ul class="cards">
            {current.into_iter().map(|part| view! {
                <li class="card"><Part log_id part holds lang /></li>
            }).collect_view()}
        </ul>
        {holds.then(|| view! { <ProposeParticipant log_id t /> })}
        <h2>{t.log.former_parts}</h2>
        {if former.is_empty() {
            view! { <p class="empty-state">{t.log.no_former_parts}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {former.into_iter().map(|part| view! {
                        <li class="card">
                            <h3>{part.name}</h3>
                            {part.unit_name.map(|unit| view! { <p>{unit}</p> })}
                            <p class="hint">
                                {part.left_at.map(|left| (t.log.part_left)(&lang.dates().date(left.date())))}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Part(log_id: Uuid, part: Participation, holds: bool, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let since = (t.log.part_since)(&lang.dates().date(part.joined_at.date()));
    let leave = if part.mine {
        Some(t.log.leave_button.to_string())
    } else {
        holds.then(|| (t.log.remove_part)(&part.name))
    };
    let id = part.participant_id.to_string();
    view! {
        <h3>{part.name.clone()}</h3>
        {part.unit_name.clone().map(|unit| view! { <p>{unit}</p> })}
        {part.responsibility.clone().map(|text| view! { <p>{text}</p> })}
        <p class="hint">{since}</p>
        {part.leaves_on.map(|day| view! { <p class="badge neutral">{(t.log.part_leaves)(&lang.dates().date(day))}</p> })}
        {part.phone.clone().map(|phone| view! { <p><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p> })}
        {part.email.clone().map(|email| view! { <p><a href=format!("mailto:{email}")>{email.clone()}</a></p> })}
        {part.mine.then(|| view! {
            <details>
                <summary>{t.log.edit_part}</summary>
                <form class="stacked" method="post" action=UpdateParticipation::url()>
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <input type="hidden" name="participant_id" value=id.clone() />
                    <label for="responsibility">{t.log.part_responsibility_label}</label>
                    <textarea id="responsibility" name="responsibility" rows="3" maxlength="1000">
                        {part.responsibility.clone().unwrap_or_default()}
                    </textarea>
                    <label for="part_phone">{t.log.part_phone_label}</label>
                    <input id="part_phone" name="phone" type="tel" autocomplete="tel" value=part.phone.clone().unwrap_or_default() />
                    <label for="part_email">{t.log.part_email_label}</label>
                    <input id="part_email" name="email" type="email" autocomplete="email" value=part.email.clone().unwrap_or_default() />
                    <button type="submit" class="button primary">{t.log.save_part}</button>
                </form>
            </details>
        })}
        {leave.map(|label| view! {
            {part.mine.then(|| view! { <p class="hint">{t.log.leave_intro}</p> })}
            <form method="post" action=LeaveLog::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="participant_id" value=id.clone() />
                <button type="submit" class="button danger">{label}</button>
            </form>
        })}
    }
}

/// For the holder: a service or a member of staff to bring in; the family is asked first.
#[component]
fn ProposeParticipant(log_id: Uuid, t: &'static Texts) -> impl IntoView {
    let staff = Resource::new(|| (), |_| staff_choices());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                staff.await.ok().map(|staff| view! {
                    <form class="stacked card" method="post" action=AddParticipant::url()>
                        <h3>{t.log.propose_heading}</h3>
                        <p class="hint">{t.log.propose_intro}</p>
                        <input type="hidden" name="log_id" value=log_id.to_string() />
                        <StaffSelect id="propose-to" label=t.log.propose_who staff t />
                        <label for="propose-responsibility">{t.log.responsibility_label}</label>
                        <input id="propose-responsibility" name="responsibility" maxlength="1000" />
                        <button type="submit" class="button secondary">{t.log.propose_button}</button>
                    </form>
                })
            })}
        </Suspense>
    }
}
