use yew::prelude::*;

use crate::core::json;
use crate::core::jwe::{JweStatus, RecipientOutcome};

#[derive(Properties, PartialEq)]
pub struct JweRecipientsProps {
    pub recipients: Vec<RecipientOutcome>,
    /// Shown for every recipient while the worker decrypts.
    pub checking: bool,
}

/// A JWE in JSON serialization: which recipient's key opened it, and why
/// the others did not.
#[component]
pub fn JweRecipients(props: &JweRecipientsProps) -> Html {
    if props.recipients.is_empty() {
        return html! {};
    }
    let total = props.recipients.len();
    html! {
        <div class="json-entries">
            <h3 class="sub-title">{ format!("JSON serialization: {total} recipient{}", if total == 1 { "" } else { "s" }) }</h3>
            <ol class="entry-list">
                { for props.recipients.iter().enumerate().map(|(i, r)| {
                    let status = if props.checking { "checking" } else { r.status.as_str() };
                    html! {
                        <li class={classes!("entry", format!("vs-{}", if status == "decrypted" { "valid" } else { status }))}
                            data-testid="jwe-recipient" data-index={i.to_string()}
                            data-alg={r.alg.clone()} data-kid={r.kid.clone()} data-status={status}>
                            <div class="entry-head">
                                <strong>{ format!("Recipient {}", i + 1) }</strong>
                                <span class="entry-alg">{ r.alg.clone().unwrap_or_else(|| "no alg".into()) }</span>
                                if let Some(kid) = &r.kid {
                                    <span class="muted">{ format!("kid {}", json::visible(kid)) }</span>
                                }
                                <span class="entry-status">{ match r.status {
                                    _ if props.checking => "decrypting…",
                                    JweStatus::Decrypted => "✓ opened it",
                                    JweStatus::Skipped => "not tried",
                                    JweStatus::NoKey => "no key for it",
                                    JweStatus::KeyError => "! key cannot be used",
                                    JweStatus::Failed | JweStatus::Malformed => "✗ did not open",
                                    JweStatus::Unsupported => "? cannot decrypt",
                                } }</span>
                            </div>
                            if !r.message.is_empty() && !props.checking {
                                <p class="vs-message">{ r.message.clone() }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
