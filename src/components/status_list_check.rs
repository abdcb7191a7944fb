use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::core::status_list::{Entry, Reference};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct StatusListCheckProps {
    pub reference: Reference,
    pub text: AttrValue,
    /// The crypto worker's reading of the entry (`None` while it reads, or
    /// before a list is pasted).
    pub read: Option<Shared<Result<Entry, String>>>,
    pub on_text: Callback<AttrValue>,
}

/// The token's `status` entry, read from a status list the user pastes
/// (the page never fetches the uri).
#[component]
pub fn StatusListCheck(props: &StatusListCheckProps) -> Html {
    let on_input = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_text.emit(area.value().into());
        })
    };
    let r = &props.reference;
    let reading = !props.text.trim().is_empty() && props.read.is_none();
    html! {
        <section class="card card-status-list" aria-labelledby="status-list-title">
            <div class="card-head">
                <h2 id="status-list-title"><span class="dot dot-payload"></span>{ "Status list" }</h2>
            </div>
            <p class="muted">{ format!(
                "Revoked or suspended? This token's status is entry {} of the list at {}. The page never fetches it: paste the status list token served there (or its status_list JSON) to read the entry. Its signature is not checked here.",
                r.idx, r.uri
            ) }</p>
            <label class="field-label" for="status-list-input">{ "Status list token" }</label>
            <textarea id="status-list-input" class="key-textarea" data-testid="status-list-input"
                spellcheck="false" autocomplete="off" placeholder="eyJ… (typ statuslist+jwt) or {\"bits\":1,\"lst\":\"…\"}"
                value={props.text.clone()} oninput={on_input} />
            if reading {
                <p class="muted" data-testid="status-list-result" data-status="checking" aria-live="polite">{ "Reading the list…" }</p>
            }
            { match props.read.as_deref() {
                None => html! {},
                Some(Ok(entry)) => html! {
                    <div class={classes!("verify-status", match entry.status() { "valid" => "vs-valid", "other" => "vs-no-key", _ => "vs-invalid" })}
                        data-testid="status-list-result" data-status={entry.status()} role="status" aria-live="polite">
                        <p class="vs-message">{ format!("Entry {} of {} ({}-bit entries): {}", r.idx, entry.size, entry.bits, entry.meaning()) }</p>
                        { for entry.notes.iter().map(|n| html! { <p class="vs-note">{ n.clone() }</p> }) }
                    </div>
                },
                Some(Err(why)) => html! {
                    <div class="verify-status vs-key-error" data-testid="status-list-result" data-status="error" role="status" aria-live="polite">
                        <p class="vs-message">{ why.clone() }</p>
                    </div>
                },
            } }
        </section>
    }
}
