use yew::prelude::*;

use crate::browser;
use crate::components::grouped;
use crate::components::json_view::piece;
use crate::core::claims;
use crate::core::token::{Decoded, PayloadView};
use crate::state::Shared;

/// Claims explained one by one; a payload with thousands lists the first.
const MAX_ROWS: usize = 100;

#[derive(Properties, PartialEq)]
pub struct ClaimsListProps {
    pub decoded: Shared<Decoded>,
    pub now: i64,
}

/// One row per top-level claim: its registered name in words, its value,
/// and for time claims UTC, local and relative time without hovering.
#[component]
pub fn ClaimsList(props: &ClaimsListProps) -> Html {
    // Values are laid out once per token; only the times move with the clock.
    let base = use_memo(props.decoded.clone(), |d| match &d.payload {
        PayloadView::Json(doc) => claims::rows_first(doc, MAX_ROWS, 0, &|_| 0),
        _ => Vec::new(),
    });
    let PayloadView::Json(doc) = &props.decoded.payload else {
        return html! {};
    };
    let rows: Vec<claims::ClaimRow> = base
        .iter()
        .map(|row| claims::ClaimRow {
            time: doc.value.get(&row.name).and_then(|v| {
                claims::time_of(&row.name, v, props.now, &browser::utc_offset_minutes_at)
            }),
            ..row.clone()
        })
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    let more = doc
        .value
        .as_object()
        .map_or(0, |m| m.len().saturating_sub(MAX_ROWS));
    html! { <>
        <ul class="claims" aria-label="Claims">
            { for rows.iter().map(|row| html! {
                <li class="claim" data-testid="claim" data-claim={row.name.clone()}>
                    <div class="claim-name">
                        <code>{ for row.shown_name.iter().map(piece) }</code>
                        if let Some(info) = row.info {
                            <span class="claim-title">{ info.title }</span>
                        }
                    </div>
                    <div class="claim-value">
                        <span class="json-inline">{ for row.value.iter().map(piece) }</span>
                        if let Some(info) = row.info {
                            <p class="claim-description" data-testid="claim-description">
                                { info.description }{ " " }
                                <a class="claim-ref" href={info.reference.url} target="_blank"
                                    rel="noopener noreferrer">{ info.reference.cite }</a>
                            </p>
                        }
                        if !row.details.is_empty() {
                            <ul class="claim-details">
                                { for row.details.iter().map(|d| html! { <li>{ d.clone() }</li> }) }
                            </ul>
                        }
                        if let Some(t) = &row.time {
                            <div class="claim-time">
                                <span class="claim-rel">{ t.relative.clone() }</span>
                                <time datetime={t.iso.clone()}>{ t.utc.clone() }</time>
                                <span class="claim-local">{ t.local.clone() }</span>
                            </div>
                        }
                    </div>
                </li>
            }) }
        </ul>
        if more > 0 {
            <p class="note" data-testid="claims-more">
                { format!("…and {} more claims, listed in the payload's JSON above. The first {MAX_ROWS} are explained here.", grouped(more)) }
            </p>
        }
    </> }
}
