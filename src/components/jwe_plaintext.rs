use yew::prelude::*;

use crate::components::claims_list::ClaimsList;
use crate::components::copy_button::CopyButton;
use crate::components::json_view::{shown_payload, JsonView, Shown, WindowNote};
use crate::core::token::{Decoded, PayloadView};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct JwePlaintextProps {
    /// The JWE with its plaintext as payload.
    pub plaintext: Shared<Decoded>,
    /// The plaintext, when it is a compact JWS.
    pub nested: Option<AttrValue>,
    pub on_open_nested: Callback<()>,
    pub now: i64,
}

/// A decrypted JWE's content: the plaintext (pretty JSON, or text), a nested
/// token with a way to open it, and the claims.
#[component]
pub fn JwePlaintext(props: &JwePlaintextProps) -> Html {
    let view = use_memo(props.plaintext.clone(), |d| {
        shown_payload(&d.payload, d.payload_bytes.as_deref())
    });
    let Shown {
        pieces,
        copy: text,
        window,
    } = (*view).clone();
    let is_json = matches!(props.plaintext.payload, PayloadView::Json(_));
    let body = match &props.plaintext.payload {
        PayloadView::Json(_) => html! { <>
            if let Some(window) = window {
                <WindowNote {window} what="decrypted content" />
            }
            <JsonView {pieces} testid="jwe-plaintext" />
        </> },
        PayloadView::Hex(_) => html! { <>
            <p class="note">{ "The plaintext is not UTF-8 text; its bytes are shown as hex." }</p>
            <pre class="json hex" data-testid="jwe-plaintext">{ text.clone() }</pre>
        </> },
        _ => html! { <pre class="json" data-testid="jwe-plaintext">{ text.clone() }</pre> },
    };
    let open = props.on_open_nested.reform(|_: MouseEvent| ());
    html! {
        <section class="card card-payload" aria-labelledby="plaintext-title">
            <div class="card-head">
                <h2 id="plaintext-title"><span class="dot dot-payload"></span>{ "Decrypted content" }</h2>
                <CopyButton text={text} what="decrypted content" />
            </div>
            { body }
            if let Some(nested) = &props.nested {
                <div class="nested">
                    <p>{ "The content is itself a signed JWT (sign, then encrypt): open it to decode it and verify its signature with the signer's key." }</p>
                    <code class="nested-token" data-testid="nested-token">{ nested.clone() }</code>
                    <button type="button" class="btn btn-primary" data-testid="open-nested" onclick={open}>
                        { "Open the nested token" }
                    </button>
                </div>
            }
            if is_json {
                <h3 class="sub-title">{ "Claims" }</h3>
                <ClaimsList decoded={props.plaintext.clone()} now={props.now} />
            }
        </section>
    }
}
