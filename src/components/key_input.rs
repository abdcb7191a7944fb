use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::core::keys::SecretEncoding;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct KeyInputProps {
    pub key_text: AttrValue,
    pub encoding: SecretEncoding,
    /// What the key box holds, in words.
    pub summary: Shared<Vec<String>>,
    /// The token is HMAC-signed, so the encoding applies.
    pub is_hmac: bool,
    pub on_key: Callback<AttrValue>,
    pub on_encoding: Callback<SecretEncoding>,
    /// The key opens a JWE rather than verifying a signature.
    #[prop_or_default]
    pub decrypting: bool,
}

#[component]
pub fn KeyInput(props: &KeyInputProps) -> Html {
    let oninput = props.on_key.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        AttrValue::from(area.value())
    });
    let on_encoding = props.on_encoding.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(enc) = SecretEncoding::from_value(&select.value()) {
            on_encoding.emit(enc);
        }
    });
    let placeholder = if props.decrypting {
        "The recipient's private key (PEM or JWK), a JWK Set, a shared key (JWK of kty oct, or text in the encoding below) or a password"
    } else if props.is_hmac {
        "Enter the HMAC secret"
    } else {
        "Paste a public key: PEM (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, or a private key), JWK or JWK Set {\"keys\": […]}"
    };
    html! {
        <div class="key-entry">
            <label class="field-label" for="key-input">{ if props.decrypting { "Decryption key" } else { "Verification key" } }</label>
            <textarea id="key-input" class="key-textarea" data-testid="key-input"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                placeholder={placeholder} value={props.key_text.clone()} {oninput} />
            <div class={classes!("encoding-row", (!props.is_hmac).then_some("inactive"))}>
                <label for="secret-encoding">{ "Secret encoding" }</label>
                <select id="secret-encoding" data-testid="secret-encoding" {onchange}>
                    { for SecretEncoding::ALL.iter().map(|e| html! {
                        <option value={e.value()} selected={*e == props.encoding}>{ e.label() }</option>
                    }) }
                </select>
                if !props.is_hmac {
                    <span class="muted small">{ if props.decrypting { "applies to shared keys given as text" } else { "applies to HMAC secrets only" } }</span>
                }
            </div>
            if !props.summary.is_empty() {
                <ul class="key-summary" aria-label="Key detected">
                    { for props.summary.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
