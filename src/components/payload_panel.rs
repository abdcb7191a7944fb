use yew::prelude::*;

use crate::components::claims_list::ClaimsList;
use crate::components::copy_button::CopyButton;
use crate::components::json_editor::JsonEditor;
use crate::components::json_view::{shown_payload, JsonView, Shown, WindowNote};
use crate::core::token::{Decoded, PayloadView};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct PayloadPanelProps {
    pub decoded: Shared<Decoded>,
    /// The JSON being edited, when the editors are open.
    #[prop_or_default]
    pub editing: Option<AttrValue>,
    #[prop_or_default]
    pub on_edit: Callback<AttrValue>,
    pub now: i64,
}

#[component]
pub fn PayloadPanel(props: &PayloadPanelProps) -> Html {
    // Pretty-printed once per token, not on every render (a clock tick
    // re-renders the claims).
    let view = use_memo(props.decoded.clone(), |d| {
        shown_payload(&d.payload, d.payload_bytes.as_deref())
    });
    let Shown {
        pieces,
        copy: copy_text,
        window,
    } = (*view).clone();
    let is_json = matches!(props.decoded.payload, PayloadView::Json(_));
    let body = match &props.decoded.payload {
        PayloadView::Json(_) => html! { <>
            if let Some(window) = window {
                <WindowNote {window} what="payload" />
            }
            <JsonView pieces={pieces} testid="payload-json" />
        </> },
        PayloadView::Text(_) => html! { <>
            <p class="note">{ "The payload is not JSON; it is shown as text." }</p>
            <pre class="json" data-testid="payload-json">{ copy_text.clone() }</pre>
        </> },
        PayloadView::Hex(_) => html! { <>
            <p class="note">{ "The payload is not UTF-8 text; its bytes are shown as hex." }</p>
            <pre class="json hex" data-testid="payload-json">{ copy_text.clone() }</pre>
        </> },
        PayloadView::None => html! { <p class="muted">{ "The payload could not be decoded." }</p> },
    };
    let body = match &props.editing {
        Some(text) => html! { <>
            <JsonEditor value={text.clone()} on_input={props.on_edit.clone()}
                testid="payload-editor" label="Payload JSON" />
            <div hidden=true>{ body }</div>
        </> },
        None => body,
    };
    html! {
        <section class="card card-payload" aria-labelledby="payload-title">
            <div class="card-head">
                <h2 id="payload-title"><span class="dot dot-payload"></span>{ "Payload" }</h2>
                <CopyButton text={copy_text} what="payload" />
            </div>
            { body }
            if is_json {
                <h3 class="sub-title">{ "Claims" }</h3>
                <ClaimsList decoded={props.decoded.clone()} now={props.now} />
            }
        </section>
    }
}
