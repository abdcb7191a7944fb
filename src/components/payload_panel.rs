use std::rc::Rc;

use yew::prelude::*;

use crate::components::claims_list::ClaimsList;
use crate::components::copy_button::CopyButton;
use crate::components::json_view::JsonView;
use crate::core::json;
use crate::core::token::{Decoded, PayloadView};

#[derive(Properties, PartialEq)]
pub struct PayloadPanelProps {
    pub decoded: Rc<Decoded>,
    pub now: i64,
}

#[component]
pub fn PayloadPanel(props: &PayloadPanelProps) -> Html {
    let view = use_memo(props.decoded.clone(), |d| match &d.payload {
        PayloadView::Json(doc) => (
            Rc::new(json::pretty_pieces(doc)),
            Some(Rc::new(doc.clone())),
        ),
        _ => (Rc::new(Vec::new()), None),
    });
    let (pieces, doc) = (*view).clone();
    let (copy_text, body) = match &props.decoded.payload {
        PayloadView::Json(_) => (
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            html! { <JsonView pieces={pieces.clone()} testid="payload-json" /> },
        ),
        PayloadView::Text(text) => (
            text.clone(),
            html! { <>
                <p class="note">{ "The payload is not JSON; it is shown as text." }</p>
                <pre class="json" data-testid="payload-json">{ text.clone() }</pre>
            </> },
        ),
        PayloadView::Hex(hex) => (
            hex.clone(),
            html! { <>
                <p class="note">{ "The payload is not UTF-8 text; its bytes are shown as hex." }</p>
                <pre class="json hex" data-testid="payload-json">{ hex.clone() }</pre>
            </> },
        ),
        PayloadView::None => (
            String::new(),
            html! { <p class="muted">{ "The payload could not be decoded." }</p> },
        ),
    };
    html! {
        <section class="card card-payload" aria-labelledby="payload-title">
            <div class="card-head">
                <h2 id="payload-title"><span class="dot dot-payload"></span>{ "Payload" }</h2>
                <CopyButton text={copy_text} what="payload" />
            </div>
            { body }
            if let Some(doc) = doc {
                <h3 class="sub-title">{ "Claims" }</h3>
                <ClaimsList doc={doc} now={props.now} />
            }
        </section>
    }
}
