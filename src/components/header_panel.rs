use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::json_editor::JsonEditor;
use crate::components::json_view::JsonView;
use crate::core::algorithms;
use crate::core::json;
use crate::core::token::Decoded;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct HeaderPanelProps {
    pub decoded: Shared<Decoded>,
    /// The JSON being edited, when the editors are open.
    #[prop_or_default]
    pub editing: Option<AttrValue>,
    #[prop_or_default]
    pub on_edit: Callback<AttrValue>,
}

#[component]
pub fn HeaderPanel(props: &HeaderPanelProps) -> Html {
    let pieces = use_memo(props.decoded.clone(), |d| {
        d.header
            .as_ref()
            .map(json::pretty_pieces)
            .unwrap_or_default()
    });
    let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let alg = props.decoded.alg().map(|a| {
        let description = algorithms::lookup(a)
            .map(|info| info.description.to_string())
            .unwrap_or_else(|| format!("\"{a}\" is not a registered algorithm"));
        html! {
            <p class="alg-line"><code class="alg-name">{ a.to_string() }</code>{ " " }{ description }</p>
        }
    });
    html! {
        <section class="card card-header" aria-labelledby="header-title">
            <div class="card-head">
                <h2 id="header-title"><span class="dot dot-header"></span>{ "Header" }</h2>
                <CopyButton text={text} what="header" />
            </div>
            { for alg }
            if let Some(text) = &props.editing {
                <JsonEditor value={text.clone()} on_input={props.on_edit.clone()}
                    testid="header-editor" label="Header JSON" />
                // The decoded view stays in the page for copying and tests,
                // hidden while its editor is shown.
                <div hidden=true><JsonView pieces={pieces} testid="header-json" /></div>
            } else if props.decoded.header.is_some() {
                <JsonView pieces={pieces} testid="header-json" />
            } else {
                <p class="muted">{ "The header could not be decoded." }</p>
            }
        </section>
    }
}
