//! `/logs/<id>/consents`: the decisions the rules give this person, with their exact texts
//! and reasons, the child's own login, closing and reopening, and the history of consents.

use super::shared::{log_id_param, refusal, LogTabs, Section, Unreachable};
use super::transition::TransitionStatus;
use crate::api::contact::contact_reach;
use crate::api::log::{
    consent_history, log_actions, my_decisions, standing_consents, CancelRequest, CloseLog,
    CloseOnNotice, CreateChildLogin, DocumentWithdrawal, GiveClosingNotice, GiveConsent,
    ObjectToClosing, ProposeIndividualPlan, ReopenLog, RequestDeletion, UnlockChildLogin,
    WithdrawConsent,
};
use crate::api::transition::log_transition;
use crate::domain::consent::{Action, Choice};
use crate::domain::transition::Stage;
use crate::i18n::{use_lang, Lang, Texts};
use crate::model::contact::Reach;
use crate::model::error::ApiError;
use crate::model::log::{
    ChildLoginState, ConsentRecord, LogPermissions, MyDecision, StandingConsent,
};
use crate::ui::components::form_error::FormError;
use crate::ui::components::when::{Dated, Time, When};
use crate::ui::pages::passkeys::ChildPasskeys;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use uuid::Uuid;

/// `/logs/<uuid>/consents`: the decisions the rules give this person, each with its exact
/// text and reason, and the whole history of consents.
#[component]
pub fn ConsentsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let log_id = log_id_param();
    let data = Resource::new(
        move || log_id,
        move |log_id| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            let decisions = my_decisions(log_id, lang).await?;
            let history = consent_history(log_id).await?;
            // Only the holder documents oral withdrawals and sees who notices reach; for anyone
            // else the lists are refused.
            let standing = standing_consents(log_id).await.ok();
            let reach = contact_reach(log_id).await.ok();
            let actions = log_actions(log_id).await?;
            let transition = log_transition(log_id).await?.current;
            Ok::<_, ApiError>((
                log_id, decisions, history, standing, reach, actions, transition,
            ))
        },
    );
    view! {
        <Title text=t.log.consents_title />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((log_id, decisions, history, standing, reach, actions, transition)) => view! {
                        <h1>{t.log.consents_title}</h1>
                        <LogTabs log_id current=Section::Consents content_closed=!actions.can_read t />
                        {actions.can_read.then(|| view! {
                            <p class="screen-only"><a href=format!("/logs/{log_id}")>{t.log.open_log}</a></p>
                        })}
                        <FormError />
                        {actions.family_changed.map(|at| view! {
                            <p role="status" class="alert warning"><Dated when=When::Moment(at) sentence=t.log.family_changed /></p>
                        })}
                        {transition.filter(|current| current.stage != Stage::Done).map(|current| view! {
                            <section class="card" aria-labelledby="transition">
                                <h2 id="transition">{t.transition.heading}</h2>
                                <TransitionStatus current />
                            </section>
                        })}
                        <h2>{t.log.your_decisions}</h2>
                        {if decisions.is_empty() {
                            view! { <p class="empty-state">{t.log.no_decisions}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {decisions.into_iter().map(|decision| view! {
                                        <li class="card"><Decision decision log_id lang /></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {standing.map(|standing| view! { <OralWithdrawal standing log_id lang /> })}
                        {reach.map(|reach| view! { <WhomNoticesReach reach t /> })}
                        {
                            let can_export = actions.can_export;
                            view! {
                                <CloseOrReopen actions log_id lang />
                                <h2>{t.log.history_heading}</h2>
                                <p><a href=format!("/logs/{log_id}/insight")>{t.insight.link}</a></p>
                                {can_export.then(|| view! {
                                    <p>
                                        <a href=format!("/api/log_copy?log_id={log_id}") download="">
                                            {t.archive.copy_link}
                                        </a>
                                    </p>
                                })}
                            }
                        }
                        <History history t />
                    }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(decision: MyDecision, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let heading = capitalized((t.consent.action)(decision.action.kind()));
    let given = decision.mine == Some(Choice::Given);
    let offer_login = decision.action == Action::ChildOwnAccess && decision.in_force;
    let has_login = decision.child_has_login;
    let child_login = decision.child_login.clone();
    let choosing = !decision.alternatives.is_empty();
    let (action, button) = if given {
        (WithdrawConsent::url(), t.log.withdraw_button)
    } else {
        (GiveConsent::url(), t.log.consent_button)
    };
    view! {
        <h3>
            {heading}
            {decision.unit_name.map(|unit| format!(": {unit}"))}
        </h3>
        <p><span class=if decision.in_force { "badge success" } else { "badge neutral" }>{(t.log.in_force)(decision.in_force)}</span></p>
        <p>{decision.reason}</p>
        {decision.alternatives.is_empty().then(|| view! { <blockquote>{decision.text.clone()}</blockquote> })}
        <form method="post" action=action class=choosing.then_some("stacked")>
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <input type="hidden" name="scope" value=decision.action.kind().code() />
            {decision.action.unit().map(|unit| view! {
                <input type="hidden" name="unit_id" value=unit.to_string() />
            })}
            {if decision.alternatives.is_empty() {
                view! { <input type="hidden" name="text_shown" value=decision.text /> }.into_any()
            } else {
                view! { <TermsChoice texts=decision.alternatives t /> }.into_any()
            }}
            <input type="hidden" name="lang" value=lang.code() />
            <button type="submit" class=if given { "button danger" } else { "button primary" }>{button}</button>
        </form>
        {(offer_login && has_login).then(|| view! { <p class="alert success">{t.log.child_has_login}</p> })}
        {child_login.map(|login| view! { <ChildLoginCare login log_id t /> })}
        {(offer_login && !has_login).then(|| view! { <ChildLoginForm log_id t /> })}
    }
}

/// The texts a consent may be given with (a transition: the sending unit leaves on the
/// date, or stays), the first chosen; the one chosen is sent as the text shown. What they
/// share is shown once, and each choice by what is its own.
#[component]
fn TermsChoice(texts: Vec<String>, t: &'static Texts) -> impl IntoView {
    let shared = shared_sentences(&texts).to_string();
    view! {
        <blockquote>{shared.clone()}</blockquote>
        <fieldset>
            <legend>{t.transition.choose_terms}</legend>
            {texts.into_iter().enumerate().map(|(n, text)| {
                let own = text[shared.len()..].trim().to_string();
                view! {
                    <label class="check long">
                        <input type="radio" name="text_shown" value=text checked=n == 0 />
                        <span>{own}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The whole sentences `texts` begin with alike.
fn shared_sentences(texts: &[String]) -> &str {
    let Some(first) = texts.first() else {
        return "";
    };
    let alike = texts.iter().skip(1).fold(first.len(), |alike, text| {
        first
            .char_indices()
            .zip(text.chars())
            .take_while(|((i, a), b)| *i < alike && a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
    });
    match first[..alike].rfind(". ") {
        Some(end) => &first[..=end],
        None => "",
    }
}

/// A guardian who has consented gives the child their own login.
#[component]
fn ChildLoginForm(log_id: Uuid, t: &'static Texts) -> impl IntoView {
    view! {
        <form class="stacked" method="post" action=CreateChildLogin::url()>
            <h4>{t.log.child_login_heading}</h4>
            <p class="hint">{t.log.child_login_intro}</p>
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <label for="child_username">{t.username_label}</label>
            <input id="child_username" name="username" autocomplete="off" required maxlength="35" />
            <label for="child_password">{t.password_label}</label>
            <input id="child_password" name="password" type="password" autocomplete="new-password" required minlength="8" />
            <fieldset>
                <legend>{t.log.code_channel_label}</legend>
                <label class="check"><input type="radio" name="channel" value="email" checked /> " " {t.log.by_email}</label>
                <label class="check"><input type="radio" name="channel" value="sms" /> " " {t.log.by_sms}</label>
            </fieldset>
            <label for="child_contact">{t.log.contact_label}</label>
            <input id="child_contact" name="contact" autocomplete="off" required />
            <button type="submit" class="button primary">{t.log.create_child_login}</button>
        </form>
    }
}

/// For the guardian: the child's username, a locked login unlocked, and the child's passkeys.
#[component]
fn ChildLoginCare(login: ChildLoginState, log_id: Uuid, t: &'static Texts) -> impl IntoView {
    view! {
        <p>{(t.log.child_username)(&login.username)}</p>
        {login.locked.then(|| view! {
            <p role="status" class="alert warning">{t.log.child_login_locked}</p>
            <form method="post" action=UnlockChildLogin::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button secondary">{t.log.unlock_child_login}</button>
            </form>
        })}
        <ChildPasskeys log_id t />
    }
}

/// Closing (those who decide, or the holder once asked or on a notice the family did not
/// object to), the holder's notice and the family's objection, taking back a request, and
/// reopening (the holder, with new consent).
#[component]
fn CloseOrReopen(actions: LogPermissions, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let dates = lang.dates();
    let shows_closing = actions.can_close
        || actions.closing.is_some()
        || actions.can_give_notice
        || actions.can_close_on_notice;
    view! {
        {actions.archive.clone().map(|archive| {
            let text = match (archive.archived_at, archive.reference) {
                (Some(at), Some(reference)) => (t.archive.archived)(&dates.date(at.date()), &reference),
                _ => t.archive.waiting.to_string(),
            };
            view! { <p role="status" class="alert info archive-state">{text}</p> }
        })}
        {shows_closing.then(|| view! { <h2>{t.log.close_heading}</h2> })}
        {actions.closing.clone().map(|notice| view! {
            <div class="card closing-notice">
                <p>{(t.log.notice_given)(&notice.given_by, &dates.date(notice.given_at.date()))}</p>
                <blockquote>{notice.reason}</blockquote>
                {match notice.objection {
                    Some(objection) => view! {
                        <p role="status" class="alert info">
                            {(t.log.notice_objected)(&objection.by, &dates.date(objection.at.date()))}
                        </p>
                        {objection.text.map(|text| view! { <blockquote>{text}</blockquote> })}
                    }.into_any(),
                    None => view! {
                        <p class="alert warning">{(t.log.notice_runs)(&dates.date(notice.closes_from))}</p>
                    }.into_any(),
                }}
            </div>
        })}
        {actions.can_object.then(|| view! {
            <form class="stacked" method="post" action=ObjectToClosing::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <label for="objection">{t.log.objection_label}</label>
                <textarea id="objection" name="objection" rows="3" maxlength="2000"></textarea>
                <button type="submit" class="button primary">{t.log.object_button}</button>
            </form>
        })}
        {actions.can_close.then(|| view! {
            <p>{t.log.close_intro}</p>
            <form method="post" action=CloseLog::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class="button danger">{t.log.close_button}</button>
            </form>
        })}
        {(actions.can_close_on_notice && !actions.can_close).then(|| view! {
            <p>{t.log.close_intro}</p>
            <form method="post" action=CloseOnNotice::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button danger">{t.log.close_button}</button>
            </form>
        })}
        {actions.can_give_notice.then(|| view! {
            <details class="card">
                <summary>{t.log.give_notice_heading}</summary>
                <form class="stacked" method="post" action=GiveClosingNotice::url()>
                    <p class="hint">{t.log.give_notice_intro}</p>
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <label for="closing_reason">{t.log.notice_reason_label}</label>
                    <textarea id="closing_reason" name="reason" rows="3" required minlength="10" maxlength="2000"></textarea>
                    <button type="submit" class="button secondary">{t.log.give_notice_button}</button>
                </form>
            </details>
        })}
        {actions.can_cancel.then(|| view! {
            <h2>{t.log.cancel_heading}</h2>
            <p>{t.log.cancel_intro}</p>
            <form method="post" action=CancelRequest::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button danger">{t.log.cancel_button}</button>
            </form>
        })}
        {actions.can_reopen.then(|| view! {
            <form method="post" action=ReopenLog::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button primary">{t.log.reopen_button}</button>
            </form>
        })}
        {actions.individual_plan.clone().map(|plan| view! {
            <h2>{t.archive.plan_heading_ip}</h2>
            <p role="status" class="alert info">
                {match plan.transferred_at {
                    Some(at) => (t.archive.ip_transferred)(&dates.date(at.date())),
                    None => (t.archive.ip_proposed)(&plan.proposed_by, &dates.date(plan.proposed_at.date())),
                }}
            </p>
        })}
        {actions.can_propose_individual_plan.then(|| view! {
            <h2>{t.archive.plan_heading_ip}</h2>
            <p>{t.archive.plan_intro_ip}</p>
            <form method="post" action=ProposeIndividualPlan::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button secondary">{t.archive.propose_ip_button}</button>
            </form>
        })}
        {actions.deletion_requested.clone().map(|asked| view! {
            <h2>{t.archive.deletion_heading}</h2>
            <p role="status" class="alert info">
                {(t.archive.deletion_requested)(&asked.by, &dates.date(asked.at.date()))}
            </p>
        })}
        {actions.deletion_text.clone().map(|text| view! {
            <h2>{t.archive.deletion_heading}</h2>
            <p>{t.archive.deletion_intro}</p>
            <details class="card">
                <summary>{t.archive.deletion_open}</summary>
                <form class="stacked" method="post" action=RequestDeletion::url()>
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="text_shown" value=text.clone() />
                    <p>{t.archive.deletion_agree}</p>
                    <blockquote>{text}</blockquote>
                    <button type="submit" class="button danger">{t.archive.deletion_button}</button>
                </form>
            </details>
        })}
    }
}

/// For the holder: document a withdrawal someone made orally, at once.
#[component]
fn OralWithdrawal(standing: Vec<StandingConsent>, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <h2>{t.log.oral_heading}</h2>
        <p>{t.log.oral_intro}</p>
        <ul class="cards">
            {standing.into_iter().enumerate().map(|(n, consent)| {
                let id = format!("explained{n}");
                view! {
                    <li class="card">
                        <form class="stacked" method="post" action=DocumentWithdrawal::url()>
                            <h3>
                                {consent.consenter_name} ": "
                                {capitalized((t.consent.action)(consent.action.kind()))}
                                {consent.unit_name.map(|unit| format!(" ({unit})"))}
                            </h3>
                            <input type="hidden" name="log_id" value=log_id.to_string() />
                            <input type="hidden" name="consenter_id" value=consent.consenter_id.to_string() />
                            <input type="hidden" name="scope" value=consent.action.kind().code() />
                            {consent.action.unit().map(|unit| view! {
                                <input type="hidden" name="unit_id" value=unit.to_string() />
                            })}
                            <input type="hidden" name="lang" value=lang.code() />
                            <label for=id.clone()>{t.log.explained_label}</label>
                            <textarea id=id name="explained_consequences" rows="3" required maxlength="4000"></textarea>
                            <button type="submit" class="button secondary">{t.log.document_button}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn History(history: Vec<ConsentRecord>, t: &'static Texts) -> impl IntoView {
    if history.is_empty() {
        return view! { <p class="empty-state">{t.log.no_history}</p> }.into_any();
    }
    view! {
        <ol class="cards history">
            {history.into_iter().rev().map(|record| {
                let how = match &record.documented_by_name {
                    Some(documenter) => (t.log.oral_documented_by)(documenter),
                    None => (t.log.by)(&record.consenter_name),
                };
                view! {
                    <li class="card">
                        <p>
                            <strong>{(t.log.choice)(record.choice)}</strong>
                            ": " {capitalized((t.consent.action)(record.action.kind()))}
                            {record.unit_name.map(|unit| format!(" ({unit})"))}
                        </p>
                        <p class="hint">
                            {record.consenter_name.clone()} " · " {how} " · " <Time when=When::Moment(record.recorded_at) />
                        </p>
                        <blockquote lang=record.text_language>{record.text_shown}</blockquote>
                        {record.explained_consequences.map(|text| view! {
                            <p>{t.log.explained} ": " {text}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// For the holder: everyone around the log, and who cannot be reached, and why.
#[component]
fn WhomNoticesReach(reach: Vec<Reach>, t: &'static Texts) -> impl IntoView {
    view! {
        <section aria-labelledby="reach-heading">
            <h2 id="reach-heading">{t.contact.reach_heading}</h2>
            <p class="hint">{t.contact.reach_intro}</p>
            <ul class="cards">
                {reach.into_iter().map(|person| view! {
                    <li class="card">
                        <p><strong>{person.name}</strong>{format!(", {}", (t.plan.role)(person.role))}</p>
                        {match person.unreachable {
                            Some(why) => view! { <Unreachable why t /> }.into_any(),
                            None => view! { <p><span class="badge success">{t.contact.reachable}</span></p> }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::shared_sentences;

    #[test]
    fn the_sentences_alike_are_shown_once() {
        let texts = [
            "Jeg samtykker. Overgangen skjer 30. desember 2026. Skolen slutter å delta."
                .to_string(),
            "Jeg samtykker. Overgangen skjer 30. desember 2026. Skolen fortsetter.".to_string(),
        ];
        assert_eq!(
            shared_sentences(&texts),
            "Jeg samtykker. Overgangen skjer 30. desember 2026."
        );
        let apart = ["Å ja.".to_string(), "Nei.".to_string()];
        assert_eq!(shared_sentences(&apart), "");
        assert_eq!(shared_sentences(&[]), "");
    }
}
