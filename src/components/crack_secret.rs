use yew::prelude::*;

use crate::browser;
use crate::state::{Action, AppState, Crack, CrackStatus};

#[derive(Properties, PartialEq)]
pub struct CrackSecretProps {
    pub crack: Crack,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// One click: is this HMAC token signed with a well-known secret?
#[component]
pub fn CrackSecret(props: &CrackSecretProps) -> Html {
    let crack = &props.crack;
    let onclick = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::CrackSecret(browser::now_ms())))
    };
    let on_use = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::UseFoundSecret))
    };
    let busy = matches!(crack.status, CrackStatus::Loading | CrackStatus::Running);
    let result = match &crack.status {
        CrackStatus::Idle => None,
        CrackStatus::Loading => Some(html! { { "Loading the list of well-known secrets…" } }),
        CrackStatus::Running => {
            let (sent, total) = crack.progress();
            Some(html! { <>
                { format!("Trying well-known secrets: {sent} of {total}…") }
                <progress max={total.to_string()} value={sent.to_string()} />
            </> })
        }
        CrackStatus::Found {
            secret,
            tried,
            millis,
        } => Some(html! { <>
            <strong>{ "Found: " }</strong>
            { "the token is signed with the well-known secret " }
            <code class="found-secret">{ format!("\u{201c}{}\u{201d}", secret.text) }</code>
            { format!(" (read as {}). Anyone can forge tokens with it. Found after {tried} tries in {} ms.", secret.encoding.label(), millis.round()) }
            { " " }
            <button type="button" class="btn btn-small" data-testid="crack-use" onclick={on_use}>{ "Use this secret" }</button>
        </> }),
        CrackStatus::NotFound { tried, millis } => Some(html! {
            { format!("Not found: {tried} well-known secrets tried in {} ms. That rules out only these; a weak secret can still be brute-forced offline.", millis.round()) }
        }),
        CrackStatus::Failed(reason) => {
            Some(html! { { format!("The check could not run: {reason}") } })
        }
    };
    html! {
        <div class="crack">
            <div class="crack-row">
                <button type="button" class="btn btn-small" data-testid="crack-secret" disabled={busy} {onclick}>
                    { "Check well-known secrets" }
                </button>
                <span class="muted small">{ "Tries thousands of secrets from tutorials, framework defaults, leaks and common passwords, here in the page." }</span>
            </div>
            if let Some(result) = result {
                <p class={classes!("crack-result", format!("crack-{}", crack.status.as_str()))}
                    data-testid="crack-result" data-status={crack.status.as_str()} role="status" aria-live="polite">
                    { result }
                </p>
            }
        </div>
    }
}
