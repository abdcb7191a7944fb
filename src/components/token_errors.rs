use yew::prelude::*;

use crate::core::errors::DecodeErrorKind;
use crate::core::token::Decoded;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct TokenErrorsProps {
    pub decoded: Shared<Decoded>,
}

/// Every reason the input cannot be fully decoded. Empty input is a hint,
/// not an error.
#[component]
pub fn TokenErrors(props: &TokenErrorsProps) -> Html {
    let errors: Vec<_> = props
        .decoded
        .errors
        .iter()
        .filter(|e| e.kind != DecodeErrorKind::Empty)
        .collect();
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="token-error" data-testid="token-error" role="alert">
            <strong>{ if errors.len() == 1 { "Cannot decode this token" } else { "Cannot decode this token:" } }</strong>
            <ul>
                { for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
            </ul>
        </div>
    }
}
