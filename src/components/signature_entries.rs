use yew::prelude::*;

use crate::components::json_view::JsonView;
use crate::core::json;
use crate::core::token::Decoded;
use crate::core::verify::{Status, Verdict};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct SignatureEntriesProps {
    pub decoded: Shared<Decoded>,
    pub verdict: Shared<Verdict>,
}

/// A JWS in JSON serialization: one line per signature, with its header
/// (protected members, then unprotected ones) and its own verdict.
#[component]
pub fn SignatureEntries(props: &SignatureEntriesProps) -> Html {
    let Some(jws) = props.decoded.json_jws() else {
        return html! {};
    };
    let v = &props.verdict;
    let total = jws.entries.len();
    html! {
        <div class="json-entries">
            <h3 class="sub-title">{ format!(
                "{} JSON serialization: {total} signature{}",
                match jws.form { crate::core::jose_json::Form::General => "General", _ => "Flattened" },
                if total == 1 { "" } else { "s" }
            ) }</h3>
            <ol class="entry-list">
                { for jws.entries.iter().enumerate().map(|(i, e)| {
                    let own = v.entries.get(i);
                    // Until the worker answers, every entry shares the verdict.
                    let status = own.map_or(v.status, |o| o.status);
                    let message = own.map(|o| o.message.clone()).unwrap_or_default();
                    let doc = json::parse(&serde_json::Value::Object(e.header()).to_string()).unwrap_or_default();
                    let pieces = std::rc::Rc::new(json::pretty_pieces(&doc));
                    let unprotected: Vec<String> = e.unprotected.keys().map(|k| format!("\"{}\"", json::visible(k))).collect();
                    html! {
                        <li class={classes!("entry", format!("vs-{}", status.as_str()))} data-testid="signature-entry"
                            data-index={i.to_string()} data-alg={e.alg().map(str::to_string)}
                            data-kid={e.kid().map(str::to_string)} data-status={status.as_str()}>
                            <div class="entry-head">
                                <strong>{ format!("Signature {}", i + 1) }</strong>
                                <span class="entry-alg">{ e.alg().unwrap_or("no alg").to_string() }</span>
                                if let Some(kid) = e.kid() {
                                    <span class="muted">{ format!("kid {}", json::visible(kid)) }</span>
                                }
                                <span class="entry-status">{ status_words(status) }</span>
                            </div>
                            if !message.is_empty() {
                                <p class="vs-message">{ message }</p>
                            }
                            <JsonView {pieces} testid="entry-header-json" />
                            if !unprotected.is_empty() {
                                <p class="muted">{ format!("Unprotected (not covered by the signature): {}.", unprotected.join(", ")) }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::Checking => "checking…",
        Status::Valid => "✓ verifies",
        Status::Invalid => "✗ does not verify",
        Status::NoKey => "no key for it",
        Status::KeyError => "! key cannot be used",
        Status::Unsecured => "! unsecured",
        Status::Unsupported => "? cannot verify",
        Status::Malformed => "! cannot verify",
    }
}
