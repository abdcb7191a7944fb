use yew::prelude::*;

use crate::core::explain;
use crate::core::token::Decoded;
use crate::core::verify::Verdict;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct SignatureStepsProps {
    pub decoded: Shared<Decoded>,
    pub verdict: Shared<Verdict>,
}

/// What a signature is and how this one was checked, as plain text a
/// newcomer can follow; folded away until asked for.
#[component]
pub fn SignatureSteps(props: &SignatureStepsProps) -> Html {
    let steps = use_memo(props.decoded.clone(), |d| explain::steps(d));
    // Always one root element: a component that switches between nothing
    // and something next to changing siblings trips Yew's DOM positions.
    let Some(steps) = steps.as_ref() else {
        return html! { <div class="sig-steps-none" hidden=true></div> };
    };
    let v = &props.verdict;
    let token_sig = props.decoded.segments().get(2).map(|s| s.to_string());
    let comparison = match (&token_sig, &v.computed_signature) {
        (Some(sig), Some(computed)) => {
            Some((explain::mark_differences(sig, computed), computed.clone()))
        }
        _ => None,
    };
    html! {
        <details class="sig-steps" data-testid="signature-steps">
            <summary>{ "The signature, step by step" }</summary>
            <ol>
                <li>
                    { format!("What is signed: the first two parts and the dot between them, as ASCII ({} characters).", steps.input_len) }
                    <code class="steps-input">{ steps.input.clone() }</code>
                </li>
                <li>{ format!("{}. {}", steps.algorithm, steps.how) }</li>
                if let Some((name, hex)) = &steps.digest {
                    <li>{ format!("{name} of the signing input:") }<code class="steps-input">{ hex.clone() }</code></li>
                }
                if let Some((runs, computed)) = comparison {
                    <li>
                        { "The token's signature, marked where this key's differs:" }
                        <code class="steps-input" data-testid="signature-diff">
                            { for runs.iter().map(|r| if r.differs {
                                html! { <mark>{ r.text.clone() }</mark> }
                            } else {
                                html! { { r.text.clone() } }
                            }) }
                        </code>
                        { "This key gives:" }
                        <code class="steps-input">{ computed }</code>
                    </li>
                }
                <li>{ format!("Outcome: {}", v.message) }</li>
            </ol>
            <p class="steps-meaning">
                { "A valid signature proves two things: the header and payload have not changed since they were signed, and whoever signed them held the key. It does not hide anything: the header and payload are only base64url-encoded, so anyone holding the token can read them." }
            </p>
        </details>
    }
}
