use std::rc::Rc;

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::claims_list::ClaimsList;
use crate::components::copy_button::CopyButton;
use crate::components::encoder_encrypt::EncoderEncrypt;
use crate::components::findings_list::FindingsList;
use crate::components::json_editor::JsonEditor;
use crate::components::key_generator::KeyGenerator;
use crate::core::algorithms::{self, Family};
use crate::core::keys::SecretEncoding;
use crate::state::{Action, AppState, Encoder};

#[derive(Properties, PartialEq)]
pub struct EncoderViewProps {
    pub encoder: Encoder,
    pub now: i64,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Claim buttons: the claim and how far from now it is set, in seconds.
const TIME_CLAIMS: [(&str, &str, i64); 5] = [
    ("iat now", "iat", 0),
    ("nbf now", "nbf", 0),
    ("exp +15 min", "exp", 15 * 60),
    ("exp +1 h", "exp", 3600),
    ("exp +1 day", "exp", 86_400),
];

/// Builds a token from header and payload JSON and a key.
#[component]
pub fn EncoderView(props: &EncoderViewProps) -> Html {
    let enc = &props.encoder;
    let send = |make: fn(AttrValue) -> Action| {
        let d = props.dispatch.clone();
        Callback::from(move |v: AttrValue| d.dispatch(make(v)))
    };
    let on_alg = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::EncoderAlg(select.value().into()))
        })
    };
    let on_key = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::EncoderKey(area.value().into()))
        })
    };
    let on_encoding = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(enc) = SecretEncoding::from_value(&select.value()) {
                d.dispatch(Action::EncoderEncoding(enc))
            }
        })
    };
    let claim_button = |&(label, name, offset): &(&'static str, &'static str, i64)| {
        let d = props.dispatch.clone();
        let onclick = Callback::from(move |_| {
            let at = browser::now_secs() + offset;
            d.dispatch(Action::EncoderClaim(name, serde_json::Value::from(at)))
        });
        html! { <button type="button" class="btn btn-small" {onclick}>{ label }</button> }
    };
    let on_jti = {
        let d = props.dispatch.clone();
        Callback::from(move |_| {
            d.dispatch(Action::EncoderClaim("jti", browser::random_id().into()))
        })
    };
    let on_open = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::OpenInDecoder))
    };
    let family = algorithms::lookup(&enc.alg).map(|a| a.family);
    let is_hmac = family == Some(Family::Hmac);
    let placeholder = if is_hmac {
        "The shared secret (text in the encoding chosen below, or a JWK {\"kty\":\"oct\"})"
    } else {
        "A private key: PEM (PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY) or a private JWK"
    };
    let output = enc.shown_output().unwrap_or_default();
    let compact = enc.serialization.as_str() == "compact";
    let on_serialization = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::EncoderSerialization(select.value().into()))
        })
    };
    let findings = Rc::new((*enc.findings).clone());
    html! {
        <main class="layout" aria-label="Encoder">
            <section class="pane pane-compose" aria-label="Token to sign">
                <section class="card card-header" aria-labelledby="enc-header-title">
                    <div class="card-head">
                        <h2 id="enc-header-title"><span class="dot dot-header"></span>{ "Header" }</h2>
                    </div>
                    <JsonEditor value={enc.header.clone()} on_input={send(Action::EncoderHeader)}
                        testid="encoder-header" label="Header JSON" />
                </section>
                <section class="card card-payload" aria-labelledby="enc-payload-title">
                    <div class="card-head">
                        <h2 id="enc-payload-title"><span class="dot dot-payload"></span>{ "Payload" }</h2>
                    </div>
                    <div class="claim-buttons" role="group" aria-label="Set a claim">
                        { for TIME_CLAIMS.iter().map(claim_button) }
                        <button type="button" class="btn btn-small" onclick={on_jti}>{ "random jti" }</button>
                    </div>
                    <JsonEditor value={enc.payload.clone()} on_input={send(Action::EncoderPayload)}
                        testid="encoder-payload" label="Payload JSON" />
                    <h3 class="sub-title">{ "Claims" }</h3>
                    <ClaimsList decoded={enc.preview.clone()} now={props.now} />
                </section>
            </section>
            <section class="pane pane-sign" aria-label="Signing">
                <section class="card card-signature" aria-labelledby="enc-sign-title">
                    <div class="card-head">
                        <h2 id="enc-sign-title"><span class="dot dot-signature"></span>{ "Sign" }</h2>
                    </div>
                    <label class="field-label" for="encoder-alg">{ "Algorithm" }</label>
                    <select id="encoder-alg" data-testid="encoder-alg" onchange={on_alg}>
                        { for algorithms::SIGNING_ALGORITHMS.iter().map(|name| {
                            let description = algorithms::lookup(name).map(|a| a.description).unwrap_or_default();
                            html! {
                                <option value={*name} selected={*name == enc.alg.as_str()}>
                                    { format!("{name} — {description}") }
                                </option>
                            }
                        }) }
                    </select>
                    <label class="field-label" for="encoder-key">{ if is_hmac { "Secret" } else { "Private key" } }</label>
                    <textarea id="encoder-key" class="key-textarea" data-testid="encoder-key"
                        spellcheck="false" autocomplete="off" autocapitalize="off"
                        placeholder={placeholder} value={enc.key.clone()} oninput={on_key} />
                    if is_hmac {
                        <div class="encoding-row">
                            <label for="encoder-secret-encoding">{ "Secret encoding" }</label>
                            <select id="encoder-secret-encoding" data-testid="encoder-secret-encoding" onchange={on_encoding}>
                                { for SecretEncoding::ALL.iter().map(|e| html! {
                                    <option value={e.value()} selected={*e == enc.encoding}>{ e.label() }</option>
                                }) }
                            </select>
                        </div>
                    }
                    <KeyGenerator encoder={enc.clone()} dispatch={props.dispatch.clone()} />
                    <EncoderEncrypt encoder={enc.clone()} dispatch={props.dispatch.clone()} />
                </section>
                <section class="card card-output" aria-labelledby="enc-output-title">
                    <div class="card-head">
                        <h2 id="enc-output-title">{ if enc.encrypt { "Signed, then encrypted token" } else { "Signed token" } }</h2>
                        <div class="actions">
                            <CopyButton text={output.clone()} what="signed token" />
                            <button type="button" class="btn btn-small" data-testid="open-in-decoder"
                                disabled={enc.output.is_none()} onclick={on_open}
                                title="Show this token in the decoder with the key that verifies it">
                                { "Open in decoder" }
                            </button>
                        </div>
                    </div>
                    <div class="encoding-row">
                        <label for="encoder-serialization">{ "Serialization" }</label>
                        <select id="encoder-serialization" data-testid="encoder-serialization" onchange={on_serialization}>
                            { for [("compact", "Compact (header.payload.signature)"), ("flattened", "Flattened JSON"), ("general", "General JSON")]
                                .iter().map(|(value, label)| html! {
                                    <option value={*value} selected={*value == enc.serialization.as_str()}>{ *label }</option>
                                }) }
                        </select>
                    </div>
                    if enc.output.is_some() && compact {
                        <pre class="token-output" data-testid="encoder-output">{ coloured(&output) }</pre>
                    } else if enc.output.is_some() {
                        <pre class="token-output json-output" data-testid="encoder-output">{ output.clone() }</pre>
                    } else if enc.job.is_some() {
                        <p class="muted" aria-live="polite">{ "Signing with the private key…" }</p>
                    } else if enc.encryption.is_some() {
                        <p class="muted" aria-live="polite">{ "Encrypting to the recipient's key…" }</p>
                    }
                    if let Some(error) = &enc.error {
                        <p class="encoder-error" data-testid="encoder-error" role="alert">{ error.clone() }</p>
                    }
                    if !findings.is_empty() {
                        <FindingsList {findings} />
                    }
                </section>
            </section>
        </main>
    }
}

/// The token with its parts in the decoder's colours; its text is the token.
fn coloured(token: &str) -> Html {
    html! {
        { for token.split('.').enumerate().map(|(i, part)| html! { <>
            if i > 0 { <span class="t-dot">{ "." }</span> }
            <span class={format!("t-part-{}", i.min(5))}>{ part.to_string() }</span>
        </> }) }
    }
}
