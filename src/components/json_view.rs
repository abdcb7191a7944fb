use std::rc::Rc;

use yew::prelude::*;

use crate::components::grouped;
use crate::components::progressive::use_progressive;
use crate::core::json::{self, Piece, PieceKind};
use crate::core::token::PayloadView;
use crate::state::Shared;

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
    let huge = props.pieces.len() > MAX_COLOURED_PIECES || bytes > MAX_COLOURED_BYTES;
    let chunks = use_memo(Shared::from(props.pieces.clone()), move |pieces| {
        if huge {
            Vec::new()
        } else {
            chunk_pieces(pieces)
        }
    });
    // Past the first block, each block shows as plain text first and is
    // coloured a frame later: the paste paints at once, with the same text.
    let coloured = use_progressive(
        Shared::from(props.pieces.clone()),
        chunks.len(),
        1,
        COLOUR_BLOCKS_PER_FRAME,
    );
    if huge {
        let text: String = props.pieces.iter().map(|p| p.text.as_str()).collect();
        return html! {
            <pre class="json huge" data-testid={props.testid.clone()}>
                { text_blocks(&text) }
            </pre>
        };
    }
    if chunks.len() <= 1 {
        return html! {
            <pre class="json" data-testid={props.testid.clone()}>
                { for props.pieces.iter().map(piece) }
            </pre>
        };
    }
    html! {
        <pre class="json" data-testid={props.testid.clone()}>
            { for chunks.iter().enumerate().map(|(i, chunk)| if i < coloured {
                html! { <span class="json-chunk">{ for chunk.iter().map(|bit| bit.coloured(&props.pieces)) }</span> }
            } else {
                let text: String = chunk.iter().map(|bit| bit.text(&props.pieces)).collect();
                html! { <span class="json-chunk">{ text }</span> }
            }) }
        </pre>
    }
}

/// Blocks of a long JSON view coloured per frame after the first paint.
const COLOUR_BLOCKS_PER_FRAME: usize = 3;

/// Part of a block of a long JSON view: a whole piece, or part of a space
/// piece that a block boundary cuts.
enum Bit {
    Piece(usize),
    Space(usize, std::ops::Range<usize>),
}

impl Bit {
    fn text<'a>(&self, pieces: &'a [Piece]) -> &'a str {
        match self {
            Bit::Piece(i) => &pieces[*i].text,
            Bit::Space(i, range) => &pieces[*i].text[range.clone()],
        }
    }

    fn coloured(&self, pieces: &[Piece]) -> Html {
        match self {
            Bit::Piece(i) => piece(&pieces[*i]),
            Bit::Space(..) => html! { { self.text(pieces).to_string() } },
        }
    }
}

/// The pieces in blocks of [`CHUNK_LINES`] lines, so that a long JSON is
/// laid out only as far as it is seen. A block ends just after a newline
/// (the indentation after it opens the next block), so lines stay whole.
/// Text shorter than a block is one block.
fn chunk_pieces(pieces: &[Piece]) -> Vec<Vec<Bit>> {
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut lines = 0;
    for (i, p) in pieces.iter().enumerate() {
        if p.kind != PieceKind::Space || !p.text.contains('\n') {
            current.push(Bit::Piece(i));
            continue;
        }
        let mut from = 0;
        for (at, _) in p.text.match_indices('\n') {
            lines += 1;
            if lines == CHUNK_LINES {
                current.push(Bit::Space(i, from..at + 1));
                chunks.push(std::mem::take(&mut current));
                lines = 0;
                from = at + 1;
            }
        }
        if from < p.text.len() {
            current.push(Bit::Space(i, from..p.text.len()));
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Lines per block of a huge JSON view. Each block is laid out only when it
/// scrolls into view (`content-visibility: auto` in the style sheet, which
/// assumes this many lines for a block not yet shown).
const CHUNK_LINES: usize = 100;

/// Plain text for a `pre`, in blocks of [`CHUNK_LINES`] lines when longer:
/// a block out of view is then neither laid out nor painted.
pub fn text_blocks(text: &str) -> Html {
    if text.matches('\n').nth(CHUNK_LINES).is_none() {
        return html! { { text.to_string() } };
    }
    line_chunks(text)
        .map(|chunk| html! { <span class="json-chunk">{ chunk.to_string() }</span> })
        .collect()
}

/// `text` in runs of [`CHUNK_LINES`] lines (newlines kept), which spell it
/// exactly when joined.
fn line_chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .match_indices('\n')
            .nth(CHUNK_LINES - 1)
            .map_or(rest.len(), |(i, _)| i + 1);
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
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

/// A payload as shown: the pretty JSON's pieces (none for text or hex),
/// the text the copy button copies, and for a giant JSON payload the window
/// that is shown instead of all of it.
#[derive(Clone, PartialEq)]
pub struct Shown {
    pub pieces: Rc<Vec<Piece>>,
    pub copy: AttrValue,
    pub window: Option<Window>,
}

/// A giant JSON payload shown in part.
#[derive(Clone, Copy, PartialEq)]
pub struct Window {
    /// Bytes of pretty JSON shown.
    pub shown: usize,
    /// Bytes of the JSON as the token carries it.
    pub total: usize,
}

/// JSON payloads larger than this (as carried) are shown as a window.
pub const WINDOW_FROM_BYTES: usize = 1024 * 1024;
/// At least this much of a windowed payload's pretty JSON is shown.
pub const WINDOW_BYTES: usize = 64 * 1024;

/// How `payload` is shown; `source` is its bytes as carried, which decide
/// whether it is windowed and are what Copy copies then.
pub fn shown_payload(payload: &PayloadView, source: Option<&[u8]>) -> Shown {
    match payload {
        PayloadView::Json(doc) => match source.filter(|s| s.len() > WINDOW_FROM_BYTES) {
            Some(source) => {
                let (pieces, _) = json::pretty_window(doc, WINDOW_BYTES);
                let shown = pieces.iter().map(|p| p.text.len()).sum();
                Shown {
                    pieces: Rc::new(pieces),
                    copy: AttrValue::from(String::from_utf8_lossy(source).into_owned()),
                    window: Some(Window {
                        shown,
                        total: source.len(),
                    }),
                }
            }
            None => {
                let pieces = json::pretty_pieces(doc);
                let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
                Shown {
                    pieces: Rc::new(pieces),
                    copy: AttrValue::from(text),
                    window: None,
                }
            }
        },
        PayloadView::Text(text) | PayloadView::Hex(text) => Shown {
            pieces: Rc::new(Vec::new()),
            copy: AttrValue::from(text.clone()),
            window: None,
        },
        PayloadView::None => Shown {
            pieces: Rc::new(Vec::new()),
            copy: AttrValue::default(),
            window: None,
        },
    }
}

/// The note over a windowed JSON view.
#[derive(Properties, PartialEq)]
pub struct WindowNoteProps {
    pub window: Window,
    /// What is shown ("payload", "decrypted content").
    pub what: AttrValue,
}

#[component]
pub fn WindowNote(props: &WindowNoteProps) -> Html {
    let Window { shown, total } = props.window;
    html! {
        <p class="note window-note" data-testid="json-window-note">
            { format!(
                "The {} is {} KB of JSON: only its first {} KB are shown here, so the page stays responsive. The claims below and every check use all of it, and Copy copies all of it as the token carries it.",
                props.what, grouped(total / 1024), grouped(shown.div_ceil(1024)),
            ) }
        </p>
    }
}
