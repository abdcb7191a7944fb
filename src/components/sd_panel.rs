use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::json_view::text_blocks;
use crate::components::progressive::use_progressive;
use crate::core::sd_jwt::{self, Disclosure, HashAlg, KbStatus};
use crate::core::token::{Decoded, PayloadView};
use crate::core::verify::Verdict;
use crate::state::{KeyBindingRequest, Shared};

/// Disclosure rows in the first frame after a paste, then per later frame.
const FIRST_ROWS: usize = 12;
const MORE_ROWS: usize = 60;

#[derive(Properties, PartialEq)]
pub struct SdPanelProps {
    pub decoded: Shared<Decoded>,
    /// The KB-JWT's signature checked with the holder's key, once known.
    pub kb_verdict: Option<Shared<Verdict>>,
    /// Signs a KB-JWT for a presentation with the holder's key.
    pub on_sign: Callback<KeyBindingRequest>,
    /// Whether a KB-JWT is being signed.
    pub signing: bool,
    /// The presentation last signed for, and its KB-JWT or why none.
    pub signed: Option<(AttrValue, Result<String, String>)>,
}

/// An SD-JWT's disclosures, the payload they reveal, the key binding, and a
/// presentation of the disclosures left checked.
#[component]
pub fn SdPanel(props: &SdPanelProps) -> Html {
    // Which disclosures are left out, for the token they were chosen on.
    let excluded = use_state(|| (props.decoded.clone(), Vec::<usize>::new()));
    // The disclosure whose digest computation is shown, for this token.
    let explained = use_state(|| (props.decoded.clone(), None::<usize>));
    // A long SD-JWT's rows come a chunk per frame, so the paste paints at once.
    let total = props
        .decoded
        .sd
        .as_ref()
        .and_then(|sd| sd.processed.as_ref())
        .map_or(0, |p| p.disclosures.len());
    let shown = use_progressive(props.decoded.clone(), total, FIRST_ROWS, MORE_ROWS);
    // Printed once per token, not on every clock tick.
    let revealed = use_memo(props.decoded.clone(), |d| {
        d.sd.as_ref()
            .and_then(|sd| sd.processed.as_ref())
            .map(|p| serde_json::to_string_pretty(&p.revealed).unwrap_or_default())
            .unwrap_or_default()
    });
    let Some(sd) = props.decoded.sd.as_ref() else {
        return html! {};
    };
    let left_out: &[usize] = if excluded.0 == props.decoded {
        &excluded.1
    } else {
        &[]
    };
    let toggle = |i: usize| {
        let excluded = excluded.clone();
        let decoded = props.decoded.clone();
        let before: Vec<usize> = left_out.to_vec();
        Callback::from(move |_: Event| {
            let mut now = before.clone();
            match now.iter().position(|&j| j == i) {
                Some(at) => {
                    now.remove(at);
                }
                None => now.push(i),
            }
            excluded.set((decoded.clone(), now));
        })
    };
    let kept: Vec<&str> = sd
        .parts
        .disclosures
        .iter()
        .enumerate()
        .filter(|(i, _)| !left_out.contains(i))
        .map(|(_, d)| d.as_str())
        .collect();
    let presentation = AttrValue::from(sd_jwt::presentation(&sd.parts.issuer_jwt, &kept));
    let Some(processed) = sd.processed.as_ref() else {
        return html! {
            <section class="card card-sd" aria-labelledby="sd-title">
                <h2 id="sd-title">{ "Selective disclosure (SD-JWT)" }</h2>
                <p class="error">{ "The issuer-signed payload is not a JSON object, so its disclosures cannot be matched." }</p>
            </section>
        };
    };
    let PayloadView::Json(doc) = &props.decoded.payload else {
        return html! {};
    };
    let kb = sd_jwt::key_binding(
        &sd.parts,
        &doc.value,
        processed.hash_alg,
        props
            .kb_verdict
            .as_ref()
            .map(|v| (v.status, v.message.as_str())),
    );
    let count = |status: sd_jwt::Status| {
        processed
            .disclosures
            .iter()
            .filter(|d| d.status == status)
            .count()
    };
    let tally = format!(
        "{total} disclosure{}: {} matched, {} unreferenced, {} duplicate, {} malformed.",
        if total == 1 { "" } else { "s" },
        count(sd_jwt::Status::Matched),
        count(sd_jwt::Status::Unreferenced),
        count(sd_jwt::Status::Duplicate),
        count(sd_jwt::Status::Malformed),
    );
    html! {
        <section class="card card-sd" aria-labelledby="sd-title">
            <div class="card-head">
                <h2 id="sd-title"><span class="dot dot-sd"></span>{ "Selective disclosure (SD-JWT)" }</h2>
            </div>
            <p class="note">
                { "The signed payload lists digests (in _sd) instead of some claims. Each disclosure after a ~ is a [salt, name, value] array; the holder reveals a claim by sending its disclosure, and a verifier accepts it only if its hash is one of those digests (RFC 9901)." }
            </p>
            <p>
                { format!("Digests use {} (_sd_alg). Digests no disclosure here matches (decoys or withheld claims): ", processed.hash_alg.name()) }
                <strong data-testid="sd-undisclosed-count">{ processed.undisclosed }</strong>
            </p>
            { for processed.errors.iter().map(|e| html! { <p class="error">{ e.clone() }</p> }) }
            <h3 class="sub-title">{ "Revealed payload" }</h3>
            <p class="note">{ "What a verifier ends up with: each matched disclosure in its place, the digests removed." }</p>
            <pre class="json" data-testid="sd-revealed-json">{ text_blocks(&revealed) }</pre>
            <h3 class="sub-title">{ "Key binding" }</h3>
            <div class="kb" data-testid="kb-status" data-status={kb.status.as_str()} role="status">
                <p>{ kb_summary(kb.status) }</p>
                if !kb.checks.is_empty() {
                    <ul class="kb-checks">
                        { for kb.checks.iter().map(|c| html! {
                            <li class={classes!("kb-check", match c.ok { Some(true) => "ok", Some(false) => "bad", None => "pending" })}>
                                <strong>{ match c.ok { Some(true) => "✓ ", Some(false) => "✗ ", None => "… " } }{ c.name }</strong>
                                { " " }{ c.detail.clone() }
                            </li>
                        }) }
                    </ul>
                }
                if let (Some(aud), Some(nonce)) = (&kb.aud, &kb.nonce) {
                    <p class="muted">{ format!("For audience {aud}, nonce {nonce}.") }</p>
                }
            </div>
            <h3 class="sub-title">{ "Disclosures" }</h3>
            <p data-testid="sd-tally">{ tally }</p>
            if shown < total {
                <p class="note">{ format!("Showing the first {shown} of {total} disclosures; the rest follow in a moment.") }</p>
            }
            <ol class="sd-list" aria-label="Disclosures" aria-busy={(shown < total).to_string()}>
                { for processed.disclosures.iter().take(shown).enumerate().map(|(i, d)| {
                    let open = explained.0 == props.decoded && explained.1 == Some(i);
                    let on_explain = {
                        let explained = explained.clone();
                        let decoded = props.decoded.clone();
                        Callback::from(move |_: MouseEvent| {
                            explained.set((decoded.clone(), (!open).then_some(i)))
                        })
                    };
                    html! {
                        <DisclosureRow index={i} disclosure={d.clone()} hash_alg={processed.hash_alg}
                            included={!left_out.contains(&i)} on_toggle={toggle(i)} explained={open} {on_explain} />
                    }
                }) }
            </ol>
            <h3 class="sub-title">{ "Presentation" }</h3>
            <p class="note">{ "The SD-JWT with only the checked disclosures, as a holder would send it (without a key-binding JWT)." }</p>
            <div class="sd-presentation-row">
                <code class="nested-token" data-testid="sd-presentation">{ presentation.clone() }</code>
                <CopyButton text={presentation.clone()} what="presentation" />
            </div>
            <HolderForm {presentation} on_sign={props.on_sign.clone()} signing={props.signing}
                signed={props.signed.clone()} />
        </section>
    }
}

fn kb_summary(status: KbStatus) -> &'static str {
    match status {
        KbStatus::Absent => "No key-binding JWT: nothing after the last ~. Anyone holding this SD-JWT can present it.",
        KbStatus::NoKey => "A key-binding JWT is attached, but the issuer-signed payload has no cnf.jwk to check it with.",
        KbStatus::Checking => "Checking the key-binding JWT with the holder's key (cnf.jwk)…",
        KbStatus::Valid => "The key-binding JWT holds: signed with the holder's key, over exactly these disclosures.",
        KbStatus::Invalid => "The key-binding JWT does not hold:",
    }
}

#[derive(Properties, PartialEq)]
struct DisclosureRowProps {
    index: usize,
    disclosure: Disclosure,
    hash_alg: HashAlg,
    included: bool,
    on_toggle: Callback<Event>,
    /// Whether the digest computation is shown (one disclosure at a time).
    explained: bool,
    on_explain: Callback<MouseEvent>,
}

/// One disclosure: include box, what it discloses, its digest and where
/// that digest is, its status, and how the digest is computed.
#[component]
fn DisclosureRow(props: &DisclosureRowProps) -> Html {
    let d = &props.disclosure;
    let n = props.index + 1;
    let value = d.value.as_ref().map(|v| v.to_string()).unwrap_or_default();
    let name = d.name.clone().unwrap_or_default();
    html! {
        <li class={classes!("sd-item", d.status.as_str())} data-testid="sd-disclosure"
            data-claim={name.clone()} data-digest={d.digest.clone()} data-status={d.status.as_str()}>
            <div class="sd-head">
                <label>
                    <input type="checkbox" data-testid="sd-include" checked={props.included}
                        onchange={props.on_toggle.clone()} aria-label={format!("Include disclosure {n} in the presentation")} />
                    { format!(" #{n} ") }
                    if d.name.is_some() { <code>{ name }</code> } else { <em>{ "array element" }</em> }
                </label>
                <span class={classes!("badge", d.status.as_str())}>{ d.status.as_str() }</span>
            </div>
            <dl class="sd-fields">
                <dt>{ "Value" }</dt><dd><code>{ value }</code></dd>
                <dt>{ "Salt" }</dt><dd><code>{ d.salt.clone().unwrap_or_default() }</code></dd>
                <dt>{ "Digest" }</dt><dd><code class="wrap">{ d.digest.clone() }</code></dd>
                if let Some(at) = &d.referenced_at {
                    <dt>{ "Listed at" }</dt><dd><code>{ at.clone() }</code></dd>
                }
            </dl>
            if let Some(problem) = &d.problem {
                <p class="sd-problem">{ problem.clone() }</p>
            }
            <button type="button" class="btn btn-small btn-ghost" aria-expanded={props.explained.to_string()}
                onclick={props.on_explain.clone()}>{ "How is this digest computed?" }</button>
            if props.explained {
                <ol class="sd-steps" data-testid="sd-digest-steps">
                    <li>{ "Take the disclosure exactly as sent (its base64url text, not the decoded JSON):" }<br />
                        <code class="wrap">{ d.text.clone() }</code></li>
                    <li>{ format!("Hash those ASCII characters with {}:", props.hash_alg.name()) }<br />
                        <code class="wrap">{ props.hash_alg.hex(&d.text) }</code></li>
                    <li>{ "Write the hash in base64url:" }<br /><code class="wrap">{ d.digest.clone() }</code></li>
                    <li>{ match &d.referenced_at {
                        Some(at) => format!("Look for it in the signed payload: found at {at}, so the claim is disclosed."),
                        None => "Look for it in the signed payload: not found, so a verifier must reject this disclosure.".to_string(),
                    } }</li>
                </ol>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct HolderFormProps {
    presentation: AttrValue,
    on_sign: Callback<KeyBindingRequest>,
    signing: bool,
    signed: Option<(AttrValue, Result<String, String>)>,
}

/// The holder's side: a KB-JWT for a verifier's audience and nonce, signed
/// in the crypto worker with the holder's private key and appended to the
/// presentation.
#[component]
fn HolderForm(props: &HolderFormProps) -> Html {
    let aud = use_state(AttrValue::default);
    let nonce = use_state(AttrValue::default);
    let alg = use_state(|| AttrValue::from("ES256"));
    let key = use_state(AttrValue::default);
    let text_input = |state: &UseStateHandle<AttrValue>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.set(input.value().into());
        })
    };
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            key.set(area.value().into());
        })
    };
    let on_alg = {
        let alg = alg.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            alg.set(select.value().into());
        })
    };
    let onclick = {
        let request = KeyBindingRequest {
            presentation: props.presentation.clone(),
            alg: (*alg).clone(),
            aud: (*aud).clone(),
            nonce: (*nonce).clone(),
            key_text: (*key).clone(),
        };
        props.on_sign.reform(move |_: MouseEvent| request.clone())
    };
    let ready = !key.trim().is_empty() && !aud.trim().is_empty() && !nonce.trim().is_empty();
    html! {
        <details class="sd-holder">
            <summary>{ "Sign a key-binding JWT as the holder" }</summary>
            <p class="note">{ "For a verifier's audience and nonce, with the holder's private key (the one whose public half is cnf.jwk). It is signed in this page's crypto worker and never leaves it." }</p>
            <div class="expect-grid">
                <label class="expect"><span class="field-label">{ "Audience (aud)" }</span>
                    <input type="text" data-testid="sd-kb-aud" value={(*aud).clone()} oninput={text_input(&aud)}
                        placeholder="https://verifier.example" spellcheck="false" autocomplete="off" /></label>
                <label class="expect"><span class="field-label">{ "Nonce" }</span>
                    <input type="text" data-testid="sd-kb-nonce" value={(*nonce).clone()} oninput={text_input(&nonce)}
                        placeholder="from the verifier's request" spellcheck="false" autocomplete="off" /></label>
                <label class="expect"><span class="field-label">{ "Algorithm" }</span>
                    <select data-testid="sd-kb-alg" onchange={on_alg}>
                        { for ["ES256", "ES384", "ES512", "EdDSA", "RS256", "PS256"].into_iter().map(|a| html! {
                            <option value={a} selected={alg.as_str() == a}>{ a }</option>
                        }) }
                    </select></label>
            </div>
            <label class="field-label" for="sd-holder-key">{ "Holder's private key (PEM or JWK)" }</label>
            <textarea id="sd-holder-key" class="key-textarea" data-testid="sd-holder-key" spellcheck="false"
                value={(*key).clone()} oninput={on_key} placeholder="-----BEGIN PRIVATE KEY-----" />
            <button type="button" class="btn" data-testid="sd-kb-sign" disabled={!ready || props.signing} {onclick}>
                { if props.signing { "Signing…" } else { "Sign and append" } }
            </button>
            if let Some((for_presentation, result)) = &props.signed {
                { match result {
                    Ok(kb) => {
                        let whole = AttrValue::from(format!("{for_presentation}{kb}"));
                        html! {
                            <div class="sd-presentation-row">
                                <code class="nested-token" data-testid="sd-presentation-kb">{ whole.clone() }</code>
                                <CopyButton text={whole} what="presentation with key binding" />
                            </div>
                        }
                    }
                    Err(e) => html! { <p class="encoder-error" data-testid="sd-kb-error" role="alert">{ e.clone() }</p> },
                } }
            }
        </details>
    }
}
