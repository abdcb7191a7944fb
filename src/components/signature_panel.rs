use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::core::algorithms;
use crate::core::base64url;
use crate::core::token::{Decoded, TokenKind};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct SignaturePanelProps {
    pub decoded: Shared<Decoded>,
    /// The key entry and verdict, rendered inside the panel.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn SignaturePanel(props: &SignaturePanelProps) -> Html {
    let d = &props.decoded;
    let alg = d.alg().map(str::to_string);
    let description = alg
        .as_deref()
        .and_then(algorithms::lookup)
        .map(|a| a.description);
    let body = match (&d.signature, d.kind) {
        (_, TokenKind::Jwe) => html! {
            <p class="muted">{ "A JWE has no signature: it is encrypted, not signed." }</p>
        },
        (Some(sig), _) if sig.is_empty() => html! {
            <p class="muted">{ "The signature part is empty." }</p>
        },
        (Some(sig), _) => {
            let hex = base64url::to_hex(sig);
            let b64 = base64url::encode(sig);
            html! {
                <dl class="sig-facts">
                    <dt>{ "Length" }</dt>
                    <dd>{ format!("{} bytes ({} bits)", sig.len(), sig.len() * 8) }</dd>
                    <dt>{ "Hex" }</dt>
                    <dd class="sig-bytes"><code>{ hex.clone() }</code><CopyButton text={hex} what="signature as hex" /></dd>
                    <dt>{ "Base64url" }</dt>
                    <dd class="sig-bytes"><code>{ b64.clone() }</code><CopyButton text={b64} what="signature as base64url" /></dd>
                </dl>
            }
        }
        (None, _) => html! { <p class="muted">{ "The signature could not be decoded." }</p> },
    };
    html! {
        <section class="card card-signature" data-testid="signature-panel" aria-labelledby="sig-title">
            <div class="card-head">
                <h2 id="sig-title"><span class="dot dot-signature"></span>{ "Signature" }</h2>
            </div>
            if let Some(alg) = alg {
                <p class="alg-line">
                    <code class="alg-name">{ alg }</code>{ " " }
                    { description.unwrap_or("not an algorithm this debugger knows") }
                </p>
            }
            { props.children.clone() }
            { body }
        </section>
    }
}
