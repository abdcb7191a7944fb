use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::copy_button::CopyButton;
use crate::components::grouped;
use crate::core::token::{self, Decoded, SpanKind};
use crate::state::Shared;

/// Inputs longer than this are shown in part (a window) and not coloured:
/// laying out megabytes of text in the box would freeze the page.
pub const GIANT_INPUT_BYTES: usize = 256 * 1024;
/// Inputs longer than this are not coloured: laying the text out twice (the
/// box and its coloured copy) costs a paste of an SD-JWT with hundreds of
/// disclosures more than a frame, and nobody reads colours that far.
pub const COLOURED_INPUT_BYTES: usize = 32 * 1024;
/// How many characters of a giant input the box holds.
pub const WINDOW_CHARS: usize = 16 * 1024;

#[derive(Properties, PartialEq)]
pub struct TokenInputProps {
    pub raw: AttrValue,
    pub decoded: Shared<Decoded>,
    pub on_input: Callback<AttrValue>,
}

/// The token textarea over a coloured copy of its text: the textarea's own
/// text is transparent, so the parts show through in colour, dots visible.
/// A giant token is taken from the clipboard without the box ever holding
/// it; the box then shows its opening, and the note offers the whole.
#[component]
pub fn TokenInput(props: &TokenInputProps) -> Html {
    let raw = props.raw.as_str();
    let giant = raw.len() > GIANT_INPUT_BYTES;
    let oninput = props.on_input.reform(|e: InputEvent| {
        let area: web_sys::Element = e.target_unchecked_into();
        AttrValue::from(browser::value_of(&area))
    });
    let onpaste = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let Some(pasted) = e.dyn_ref::<ClipboardEvent>().and_then(browser::pasted_text) else {
                return;
            };
            // Small pastes into a small token are the browser's to do. UTF-8
            // takes at most 3 bytes per UTF-16 unit, so most are known small
            // without a copy.
            if !giant && pasted.length() as usize * 3 <= GIANT_INPUT_BYTES {
                return;
            }
            let text = browser::rust_string(&pasted);
            if text.len() <= GIANT_INPUT_BYTES && !giant {
                return;
            }
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let token = if giant {
                // The box holds only a window: a paste replaces the token.
                text
            } else {
                splice_selection(&area, &text)
            };
            // Decoding starts in a task of its own: reading megabytes from
            // the clipboard is one long task already.
            let on_input = on_input.clone();
            Timeout::new(0, move || on_input.emit(AttrValue::from(token))).forget();
        })
    };
    let plain = giant || raw.len() > COLOURED_INPUT_BYTES;
    let spans = if plain {
        Vec::new()
    } else {
        token::highlight(raw, &props.decoded.clean)
    };
    let value = if giant {
        AttrValue::from(window_of(raw).to_string())
    } else {
        props.raw.clone()
    };
    // The same elements in both forms, so the box keeps focus and caret.
    html! { <>
        <div class={classes!("token-editor", plain.then_some("plain"))}>
            <pre class="token-highlight" aria-hidden="true">
                { for spans.into_iter().map(|s| {
                    let class = match s.kind {
                        SpanKind::Removed => "t-removed".to_string(),
                        SpanKind::Dot => "t-dot".to_string(),
                        SpanKind::Part(n) => format!("t-part t-part-{}", n.min(5)),
                        SpanKind::Json => "t-json".to_string(),
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
                aria-describedby={giant.then_some("token-window-note")}
                placeholder="Paste a JWT (header.payload.signature)…"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                {value}
                {oninput}
                {onpaste}
            />
        </div>
        if giant {
            <p class="note window-note" id="token-window-note" data-testid="token-window-note">
                { format!(
                    "This token is {} characters long: the box shows the first {} so the page stays responsive, and decoding uses all of it. Pasting replaces the whole token; typing in the box replaces it with what the box holds. ",
                    grouped(raw.chars().count()), grouped(WINDOW_CHARS),
                ) }
                <CopyButton text={props.raw.clone()} what="whole token" />
            </p>
        }
    </> }
}

/// The opening of a giant input that the box shows.
pub fn window_of(raw: &str) -> &str {
    match raw.char_indices().nth(WINDOW_CHARS) {
        Some((end, _)) => &raw[..end],
        None => raw,
    }
}

/// The box's text with its selection replaced by `text`, as a paste would
/// leave it (selection offsets count UTF-16 units).
fn splice_selection(area: &HtmlTextAreaElement, text: &str) -> String {
    let current = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let (start, end) = (byte_at(&current, start), byte_at(&current, end.max(start)));
    format!("{}{}{}", &current[..start], text, &current[end..])
}

/// The byte offset of UTF-16 offset `units` in `s` (its end when past it).
fn byte_at(s: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
    }
    s.len()
}
