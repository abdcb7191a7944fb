use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::core::token::{self, Decoded, SpanKind};
use crate::state::Shared;

/// Inputs longer than this are not coloured.
const MAX_HIGHLIGHTED_BYTES: usize = 256 * 1024;

#[derive(Properties, PartialEq)]
pub struct TokenInputProps {
    pub raw: AttrValue,
    pub decoded: Shared<Decoded>,
    pub on_input: Callback<AttrValue>,
}

/// The token textarea over a coloured copy of its text: the textarea's own
/// text is transparent, so the parts show through in colour, dots visible.
#[component]
pub fn TokenInput(props: &TokenInputProps) -> Html {
    let oninput = props.on_input.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        AttrValue::from(area.value())
    });
    let raw = props.raw.as_str();
    // A giant paste is shown plainly: laying out a coloured copy of megabytes
    // of text would freeze the page for seconds.
    if raw.len() > MAX_HIGHLIGHTED_BYTES {
        return html! {
            <div class="token-editor plain">
                <textarea class="token-textarea" data-testid="token-input" aria-label="Encoded token"
                    spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                    value={props.raw.clone()} {oninput} />
            </div>
        };
    }
    let spans = token::highlight(raw, &props.decoded.clean);
    html! {
        <div class="token-editor">
            <pre class="token-highlight" aria-hidden="true">
                { for spans.into_iter().map(|s| {
                    let class = match s.kind {
                        SpanKind::Removed => "t-removed".to_string(),
                        SpanKind::Dot => "t-dot".to_string(),
                        SpanKind::Part(n) => format!("t-part t-part-{}", n.min(5)),
                    };
                    html! { <span class={class}>{ raw[s.range].to_string() }</span> }
                }) }
                // Keeps the last line's height when the text ends in a newline.
                { "\n" }
            </pre>
            <textarea
                class="token-textarea"
                data-testid="token-input"
                aria-label="Encoded token"
                placeholder="Paste a JWT (header.payload.signature)…"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                value={props.raw.clone()}
                {oninput}
            />
        </div>
    }
}
