use std::rc::Rc;

use yew::prelude::*;

use crate::core::json::{Piece, PieceKind};

#[derive(Properties, PartialEq)]
pub struct JsonViewProps {
    pub pieces: Rc<Vec<Piece>>,
    pub testid: AttrValue,
}

/// Coloured JSON whose text content is exactly the pretty JSON.
#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    html! {
        <pre class="json" data-testid={props.testid.clone()}>
            { for props.pieces.iter().map(piece) }
        </pre>
    }
}

/// A run of JSON text; spaces stay bare text nodes to keep the DOM small.
pub fn piece(p: &Piece) -> Html {
    let class = match p.kind {
        PieceKind::Space => return html! { { p.text.clone() } },
        PieceKind::Punct => "j-punct",
        PieceKind::Key => "j-key",
        PieceKind::Str => "j-str",
        PieceKind::Escape => "j-escape",
        PieceKind::Number => "j-num",
        PieceKind::Bool => "j-bool",
        PieceKind::Null => "j-null",
    };
    let title = (p.kind == PieceKind::Escape).then_some("hidden or direction-changing character");
    html! { <span class={class} title={title}>{ p.text.clone() }</span> }
}
