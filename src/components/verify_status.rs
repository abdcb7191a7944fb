use yew::prelude::*;

use crate::core::verify::{Status, Verdict};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct VerifyStatusProps {
    pub verdict: Shared<Verdict>,
}

#[component]
pub fn VerifyStatus(props: &VerifyStatusProps) -> Html {
    let v = &props.verdict;
    let (icon, title) = match v.status {
        Status::Checking => ("⋯", "Checking…"),
        Status::Valid => ("✓", "Signature verified"),
        Status::Invalid => ("✗", "Invalid signature"),
        Status::NoKey => ("…", "Not verified yet"),
        Status::KeyError => ("!", "Key cannot be used"),
        Status::Unsecured => ("!", "Unsecured token"),
        Status::Unsupported => ("?", "Cannot verify"),
        Status::Malformed => ("!", "Cannot verify"),
    };
    html! {
        <div class={classes!("verify-status", format!("vs-{}", v.status.as_str()))}
            data-testid="verify-status" data-status={v.status.as_str()} role="status" aria-live="polite">
            <div class="vs-head">
                <span class="vs-icon" aria-hidden="true">{ icon }</span>
                <strong>{ title }</strong>
            </div>
            <p class="vs-message">{ v.message.clone() }</p>
            if let Some(hint) = &v.hint {
                <p class="vs-hint">{ hint.clone() }</p>
            }
            if let Some(computed) = &v.computed_signature {
                <p class="vs-computed"><span class="muted">{ "This secret signs it as: " }</span>
                    <code data-testid="computed-signature">{ computed.clone() }</code></p>
            }
            if let Some(key) = &v.key_used {
                <p class="vs-key"><span class="muted">{ "Key: " }</span>{ key.clone() }</p>
            }
            { for v.notes.iter().map(|n| html! { <p class="vs-note">{ n.clone() }</p> }) }
        </div>
    }
}
