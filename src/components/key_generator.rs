use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::core::algorithms::{self, Family};
use crate::state::{Action, AppState, Encoder};

#[derive(Properties, PartialEq)]
pub struct KeyGeneratorProps {
    pub encoder: Encoder,
    pub dispatch: UseReducerDispatcher<AppState>,
}

const RSA_SIZES: [usize; 3] = [2048, 3072, 4096];

/// Makes a key for the selected algorithm in the generation worker, and
/// shows the public half to hand to whoever verifies.
#[component]
pub fn KeyGenerator(props: &KeyGeneratorProps) -> Html {
    let enc = &props.encoder;
    let family = algorithms::lookup(&enc.alg).map(|a| a.family);
    let is_rsa = matches!(family, Some(Family::Rsa | Family::RsaPss));
    let on_generate = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Generate))
    };
    let on_cancel = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::CancelGenerate))
    };
    let on_size = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(bits) = select.value().parse() {
                d.dispatch(Action::SetRsaBits(bits))
            }
        })
    };
    let what = match family {
        Some(Family::Hmac) => "a random secret".to_string(),
        Some(Family::Rsa | Family::RsaPss) => format!("an RSA {}-bit key", enc.rsa_bits),
        Some(Family::Ecdsa) => format!(
            "an EC {} key",
            match enc.alg.as_str() {
                "ES256" => "P-256",
                "ES384" => "P-384",
                _ => "P-521",
            }
        ),
        _ => match enc.alg.as_str() {
            "Ed448" => "an Ed448 key".to_string(),
            alg if alg.starts_with("ML-DSA") => format!("an {alg} key (post-quantum)"),
            _ => "an Ed25519 key".to_string(),
        },
    };
    let generated = enc
        .generated
        .as_ref()
        .filter(|g| g.private_text == enc.key.as_str());
    html! {
        <div class="key-generator">
            <div class="generate-row">
                <button type="button" class="btn btn-small" data-testid="generate-key"
                    disabled={enc.generation.is_some()} onclick={on_generate}
                    title="Make a new key in this page; it never leaves it">
                    { format!("Generate {what}") }
                </button>
                <label class={classes!("rsa-size", (!is_rsa).then_some("inactive"))}>
                    { "RSA size " }
                    <select data-testid="generate-key-size" onchange={on_size} disabled={!is_rsa}>
                        { for RSA_SIZES.iter().map(|bits| html! {
                            <option value={bits.to_string()} selected={*bits == enc.rsa_bits}>{ format!("{bits} bits") }</option>
                        }) }
                    </select>
                </label>
            </div>
            if enc.generation.is_some() {
                <p class="generating" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    { format!("Generating {what}…") }
                    if is_rsa && enc.rsa_bits >= 3072 { { " Large RSA keys can take a while." } }
                    <button type="button" class="btn btn-small" data-testid="cancel-generate" onclick={on_cancel}>{ "Cancel" }</button>
                </p>
            }
            if let Some(note) = &enc.generation_note {
                <p class="muted small" role="status">{ note.clone() }</p>
            }
            if let Some(g) = generated {
                <div class="generated" data-testid="generated-public-key">
                    if let (Some(pem), Some(jwk)) = (&g.public_pem, &g.public_jwk) {
                        <p class="small muted">{ "The public key, for whoever verifies these tokens. The private key is in the box above; it stays in this page." }</p>
                        <div class="form-head"><span class="field-label">{ "Public key (SPKI PEM)" }</span><CopyButton text={AttrValue::from(pem.clone())} what="public key PEM" /></div>
                        <pre class="key-form">{ pem.clone() }</pre>
                        <div class="form-head"><span class="field-label">{ "Public key (JWK, kid = RFC 7638 thumbprint)" }</span><CopyButton text={AttrValue::from(jwk.clone())} what="public key JWK" /></div>
                        <pre class="key-form">{ jwk.clone() }</pre>
                    }
                </div>
                if g.is_secret {
                    <p class="small muted">{ format!("A random {}-byte secret, shown as base64url (the encoding is set to match). Share it only with the verifier.", (g.private_text.len() * 3) / 4) }</p>
                }
            }
        </div>
    }
}
