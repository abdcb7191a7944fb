use std::rc::Rc;

use yew::prelude::*;

use crate::core::json::{self, Piece, PieceKind};
use crate::core::token::PayloadView;

/// Above this many pieces, or this much text, the JSON is one unwrapped text
/// node: colouring and wrapping megabytes would freeze the page for seconds.
const MAX_COLOURED_PIECES: usize = 20_000;
const MAX_COLOURED_BYTES: usize = 256 * 1024;

#[derive(Properties)]
pub struct JsonViewProps {
    pub pieces: Rc<Vec<Piece>>,
    pub testid: AttrValue,
}

impl PartialEq for JsonViewProps {
    // Pieces come from a memo: the same Rc means the same JSON, and comparing
    // megabytes of pieces on every render would cost more than rendering.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.pieces, &other.pieces) && self.testid == other.testid
    }
}

/// Coloured JSON whose text content is exactly the pretty JSON.
#[component]
pub fn JsonView(props: &JsonViewProps) -> Html {
    let bytes: usize = props.pieces.iter().map(|p| p.text.len()).sum();
    if props.pieces.len() > MAX_COLOURED_PIECES || bytes > MAX_COLOURED_BYTES {
        let text: String = props.pieces.iter().map(|p| p.text.as_str()).collect();
        return html! { <pre class="json huge" data-testid={props.testid.clone()}>{ text }</pre> };
    }
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

/// A payload as shown: the pretty JSON's pieces (none for text or hex) and
/// the whole text, which the copy button copies.
pub fn shown_payload(payload: &PayloadView) -> (Rc<Vec<Piece>>, AttrValue) {
    match payload {
        PayloadView::Json(doc) => {
            let pieces = json::pretty_pieces(doc);
            let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
            (Rc::new(pieces), AttrValue::from(text))
        }
        PayloadView::Text(text) | PayloadView::Hex(text) => {
            (Rc::new(Vec::new()), AttrValue::from(text.clone()))
        }
        PayloadView::None => (Rc::new(Vec::new()), AttrValue::default()),
    }
}
