use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::core::jwe;
use crate::state::{Action, AppState, Encoder};

#[derive(Properties, PartialEq)]
pub struct EncoderEncryptProps {
    pub encoder: Encoder,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Sign, then encrypt: the key management and content encryption, and the
/// recipient's key. The output becomes a compact JWE with `cty: JWT`.
#[component]
pub fn EncoderEncrypt(props: &EncoderEncryptProps) -> Html {
    let enc = &props.encoder;
    let on_toggle = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::EncoderEncrypt(input.checked()))
        })
    };
    let select = |make: fn(AttrValue) -> Action| {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(make(select.value().into()))
        })
    };
    let on_key = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::EncoderJweKey(area.value().into()))
        })
    };
    let placeholder = if jwe::uses_shared_key(&enc.jwe_alg) {
        "The shared key: a JWK {\"kty\":\"oct\"}, or its bytes as text"
    } else if enc.jwe_alg.starts_with("PBES2") {
        "The password"
    } else {
        "The recipient's public key: PEM (PUBLIC KEY, CERTIFICATE) or a JWK"
    };
    html! {
        <div class="encrypt-options">
            <label class="remember">
                <input type="checkbox" data-testid="encoder-encrypt" checked={enc.encrypt} onchange={on_toggle} />
                { " Then encrypt it (JWE): the output is the signed token, encrypted to a recipient" }
            </label>
            if enc.encrypt {
                <div class="encrypt-grid">
                    <label class="expect">
                        <span class="field-label">{ "Key management (alg)" }</span>
                        <select data-testid="encoder-jwe-alg" onchange={select(Action::EncoderJweAlg)}>
                            // RSA1_5 is only decrypted: RFC 8725 §3.2 says not to make it.
                            { for jwe::KEY_ALGORITHMS.iter().filter(|a| **a != "RSA1_5").map(|a| html! {
                                <option value={*a} selected={*a == enc.jwe_alg.as_str()}>{ *a }</option>
                            }) }
                        </select>
                    </label>
                    <label class="expect">
                        <span class="field-label">{ "Content encryption (enc)" }</span>
                        <select data-testid="encoder-jwe-enc" onchange={select(Action::EncoderJweEnc)}>
                            { for jwe::CONTENT_ALGORITHMS.iter().map(|a| html! {
                                <option value={*a} selected={*a == enc.jwe_enc.as_str()}>{ *a }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <label class="field-label" for="encoder-jwe-key">{ "Recipient's key" }</label>
                <textarea id="encoder-jwe-key" class="key-textarea" data-testid="encoder-jwe-key"
                    spellcheck="false" autocomplete="off" autocapitalize="off"
                    {placeholder} value={enc.jwe_key.clone()} oninput={on_key} />
            }
        </div>
    }
}
