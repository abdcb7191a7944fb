use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::json_view::JsonView;
use crate::core::algorithms;
use crate::core::json;
use crate::core::token::Decoded;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct HeaderPanelProps {
    pub decoded: Shared<Decoded>,
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
            if props.decoded.header.is_some() {
                <JsonView pieces={pieces} testid="header-json" />
            } else {
                <p class="muted">{ "The header could not be decoded." }</p>
            }
        </section>
    }
}
