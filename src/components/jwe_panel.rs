use yew::prelude::*;

use crate::components::jwe_recipients::JweRecipients;
use crate::state::Jwe;

#[derive(Properties, PartialEq)]
pub struct JwePanelProps {
    pub jwe: Jwe,
    /// The key entry, rendered inside the panel.
    #[prop_or_default]
    pub children: Html,
}

/// A JWE's left-hand panel: the decryption's status, the key box, the five
/// parts with their sizes and the protected header explained.
#[component]
pub fn JwePanel(props: &JwePanelProps) -> Html {
    let status = props.jwe.status();
    let result = props.jwe.result.as_ref();
    let (icon, title, class) = match status {
        "checking" => ("⋯", "Decrypting…", "vs-checking"),
        "decrypted" => ("✓", "Decrypted: the tag verifies", "vs-valid"),
        "failed" => ("✗", "Decryption failed", "vs-invalid"),
        "no-key" => ("…", "Not decrypted yet", "vs-no-key"),
        "key-error" => ("!", "Key cannot be used", "vs-key-error"),
        _ => ("?", "Cannot decrypt", "vs-unsupported"),
    };
    let message = match status {
        "checking" => "Decrypting with the key given…".to_string(),
        _ => result.map(|r| r.message.clone()).unwrap_or_default(),
    };
    html! {
        <section class="card card-signature card-jwe" data-testid="jwe-panel" aria-labelledby="jwe-title">
            <div class="card-head">
                <h2 id="jwe-title"><span class="dot dot-signature"></span>{ "Decryption" }</h2>
            </div>
            <div class={classes!("verify-status", class)} data-testid="jwe-status" data-status={status}
                role="status" aria-live="polite">
                <div class="vs-head">
                    <span class="vs-icon" aria-hidden="true">{ icon }</span>
                    <strong>{ title }</strong>
                </div>
                <p class="vs-message">{ message }</p>
                if let Some(key) = result.and_then(|r| r.key_used.clone()) {
                    <p class="vs-key"><span class="muted">{ "Key: " }</span>{ key }</p>
                }
                if let Some(r) = result {
                    { for r.notes.iter().map(|n| html! { <p class="vs-note">{ n.clone() }</p> }) }
                }
            </div>
            { props.children.clone() }
            if let Some(r) = result {
                <JweRecipients recipients={r.recipients.clone()} checking={status == "checking"} />
            }
            if let Some(r) = result {
                if !r.parts.is_empty() {
                    <h3 class="sub-title">{ "The five parts" }</h3>
                    <dl class="sig-facts jwe-parts">
                        { for r.parts.iter().map(|p| html! { <>
                            <dt>{ p.part.name() }</dt>
                            <dd>{ match p.bytes {
                                Some(b) => format!("{b} bytes ({} characters)", p.chars),
                                None => format!("{} characters, not base64url", p.chars),
                            } }</dd>
                        </> }) }
                    </dl>
                }
                if !r.header.is_empty() {
                    <h3 class="sub-title">{ if r.recipients.is_empty() { "The protected header, explained" } else { "The header (protected and unprotected), explained" } }</h3>
                    <dl class="sig-facts jwe-header">
                        { for r.header.iter().map(|row| html! { <>
                            <dt><code>{ row.name.clone() }</code></dt>
                            <dd><code>{ row.value.clone() }</code>{ " — " }{ row.meaning.clone() }</dd>
                        </> }) }
                    </dl>
                }
            }
        </section>
    }
}
