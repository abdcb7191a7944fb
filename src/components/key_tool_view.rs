use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::core::key_export::KeyForms;
use crate::state::{Action, AppState, KeyTool};

#[derive(Properties, PartialEq)]
pub struct KeyToolViewProps {
    pub key_tool: KeyTool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Any key in, every form out: public JWK, SPKI PEM, thumbprint, and for a
/// private key its private JWK, PKCS#8 and PKCS#1/SEC1 PEM.
#[component]
pub fn KeyToolView(props: &KeyToolViewProps) -> Html {
    let tool = &props.key_tool;
    let oninput = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::KeyToolInput(area.value().into()))
        })
    };
    html! {
        <main class="layout key-tool-layout" aria-label="Key tool">
            <section class="card kt-input">
                <div class="card-head"><h2><label for="key-tool-input">{ "Key to convert" }</label></h2></div>
                <textarea id="key-tool-input" class="key-textarea key-tool-input" data-testid="key-tool-input"
                    spellcheck="false" autocomplete="off" autocapitalize="off"
                    placeholder="PEM (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY), a JWK, or a JWK Set"
                    value={tool.text.clone()} {oninput} />
                if let Some(error) = &tool.error {
                    <p class="encoder-error" data-testid="key-tool-error" role="alert">{ error.clone() }</p>
                }
                if tool.job.is_some() {
                    <p class="muted small" aria-live="polite">{ "Reading the key…" }</p>
                }
            </section>
            <section class="card kt-formats">
                <h3 class="sub-title">{ "Which format is which" }</h3>
                <dl class="format-list">
                    <dt>{ "SPKI (BEGIN PUBLIC KEY)" }</dt><dd>{ "A public key of any type, with its algorithm named inside. What most libraries ask for." }</dd>
                    <dt>{ "PKCS#1 (BEGIN RSA PUBLIC/PRIVATE KEY)" }</dt><dd>{ "RSA only, without the algorithm's name: older OpenSSL output." }</dd>
                    <dt>{ "SEC1 (BEGIN EC PRIVATE KEY)" }</dt><dd>{ "EC private keys only, the curve named inside: OpenSSL's ecparam output." }</dd>
                    <dt>{ "PKCS#8 (BEGIN PRIVATE KEY)" }</dt><dd>{ "A private key of any type, with its algorithm named inside." }</dd>
                    <dt>{ "JWK (RFC 7517)" }</dt><dd>{ "The same numbers as JSON, base64url-encoded; what JWK Sets and OpenID Connect publish." }</dd>
                    <dt>{ "Thumbprint (RFC 7638)" }</dt><dd>{ "SHA-256 of the key's required JWK members: a stable name for the key, often used as kid." }</dd>
                </dl>
            </section>
            <section class="pane kt-forms" aria-label="Key forms">
                if tool.forms.is_empty() && tool.error.is_none() && tool.job.is_none() {
                    <p class="muted">{ "The key's forms appear here. Nothing is sent anywhere." }</p>
                }
                { for tool.forms.iter().map(key_card) }
            </section>
        </main>
    }
}

fn key_card(forms: &KeyForms) -> Html {
    let private = forms.private_pem.is_some();
    html! {
        <section class="card key-card">
            <div class="card-head"><h2>{ forms.description.clone() }</h2></div>
            { form("Public key (JWK)", "key-as-jwk", &forms.public_jwk) }
            if let Some(pem) = &forms.public_pem {
                { form("Public key (SPKI PEM)", "key-as-pem", pem) }
            }
            { form("JWK thumbprint (RFC 7638, SHA-256)", "key-thumbprint", &forms.thumbprint) }
            if private {
                <p class="edit-note">{ "This is a private key: whoever holds it can sign tokens. It stays in this page." }</p>
            }
            if let Some(jwk) = &forms.private_jwk {
                { form("Private key (JWK)", "key-as-private-jwk", jwk) }
            }
            if let Some(pem) = &forms.private_pem {
                { form("Private key (PKCS#8 PEM)", "key-as-private-pem", pem) }
            }
            if let Some(pem) = &forms.traditional_pem {
                { form(if pem.contains("RSA PRIVATE") { "Private key (PKCS#1 PEM)" } else { "Private key (SEC1 PEM)" }, "key-as-traditional-pem", pem) }
            }
        </section>
    }
}

fn form(label: &'static str, testid: &'static str, text: &str) -> Html {
    html! {
        <div class="key-form-block">
            <div class="form-head">
                <span class="field-label">{ label }</span>
                <CopyButton text={AttrValue::from(text.to_string())} what={label} />
            </div>
            <pre class="key-form" data-testid={testid}>{ text.to_string() }</pre>
        </div>
    }
}
