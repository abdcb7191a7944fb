use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::core::validate::{Check, CheckResult, Profile};
use crate::state::validation::Field;
use crate::state::{Action, AppState, Validation};

#[derive(Properties, PartialEq)]
pub struct ValidationViewProps {
    pub validation: Validation,
    /// The decoded token's header `typ`, to propose the profile it names.
    #[prop_or_default]
    pub typ: Option<AttrValue>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The one-line inputs: field, label, placeholder.
const LINES: [(Field, &str, &str); 14] = [
    (
        Field::Algs,
        "Allowed algorithms",
        "RS256, ES256 (empty: any the key fits)",
    ),
    (Field::Iss, "Issuer (iss)", "https://issuer.example.com"),
    (Field::Aud, "Audience (aud) / client ID", "my-api"),
    (Field::Sub, "Subject (sub)", "not checked"),
    (Field::Typ, "Type (typ header)", "JWT, at+jwt, …"),
    (Field::Nonce, "Nonce", "the nonce sent in the request"),
    (Field::Required, "Required claims", "exp, iat, jti"),
    (Field::Leeway, "Leeway (seconds)", "0"),
    (
        Field::MaxAge,
        "Max age (seconds)",
        "since auth_time, else iat",
    ),
    (
        Field::Now,
        "Evaluate at (UTC)",
        "now, or 2026-05-01T12:00:00Z",
    ),
    (
        Field::AccessToken,
        "Access token (for at_hash, or a DPoP proof's ath)",
        "the access token issued with it",
    ),
    (
        Field::Code,
        "Authorization code (for c_hash)",
        "the code issued with it",
    ),
    (Field::Htm, "Request method (DPoP htm)", "POST"),
    (
        Field::Htu,
        "Request URI (DPoP htu)",
        "https://server.example.com/token",
    ),
];

/// Would a server with these settings accept the token? The settings, the
/// verdict rule by rule, and the same settings as library code.
#[component]
pub fn ValidationView(props: &ValidationViewProps) -> Html {
    let v = &props.validation;
    let set = |field: Field| {
        let d = props.dispatch.clone();
        Callback::from(move |value: String| d.dispatch(Action::Expect(field, value.into())))
    };
    let on_profile = set(Field::Profile).reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let on_schema = set(Field::Schema).reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let profile = v.value(Field::Profile);
    let answer = v.answer.as_ref();
    // A typ that names a profile, while none is chosen: offer it.
    let proposed = props
        .typ
        .as_deref()
        .and_then(Profile::for_typ)
        .filter(|_| profile.is_empty() || profile == Profile::None.value());
    let on_propose =
        proposed.map(|p| set(Field::Profile).reform(move |_: MouseEvent| p.value().to_string()));
    html! {
        <section class="card validation" aria-labelledby="validation-title">
            <div class="card-head">
                <h2 id="validation-title">{ "Would a server accept it?" }</h2>
            </div>
            <p class="muted small">{ "Enter what your server expects; each rule below is checked as a library would, with the signature checked by the key in the Signature panel. Empty fields are not checked." }</p>
            <div class="validation-result" aria-live="polite" aria-busy={v.job.is_some().to_string()}>
                if let Some(waiting) = &v.waiting {
                    <p class="muted" data-testid="validation-waiting">{ waiting.clone() }</p>
                }
                if let Some(error) = answer.and_then(|a| a.error.clone()) {
                    <p class="encoder-error" data-testid="validation-error" role="alert">{ error }</p>
                }
                if let Some(result) = answer.and_then(|a| a.validation.as_ref()) {
                    <div class={classes!("validation-status", if result.accepted { "accepted" } else { "rejected" })}
                        data-testid="validation-status" data-status={if result.accepted { "accepted" } else { "rejected" }}>
                        <strong>{ if result.accepted { "✓ Accepted" } else { "✗ Rejected" } }</strong>
                        <span>{ result.summary.clone() }</span>
                    </div>
                }
            </div>
            if let (Some(p), Some(onclick)) = (proposed, on_propose) {
                <p class="profile-proposal" data-testid="profile-proposal">
                    { format!("This token's typ is {}: ", props.typ.clone().unwrap_or_default()) }
                    <button type="button" class="btn btn-small" {onclick}>
                        { format!("Check it as {}", p.label()) }
                    </button>
                </p>
            }
            <div class="expect-grid">
                <label class="expect">
                    <span class="field-label">{ "Profile" }</span>
                    <select data-testid="expect-profile" onchange={on_profile}>
                        { for Profile::ALL.iter().map(|p| html! {
                            <option value={p.value()} selected={p.value() == profile || (profile.is_empty() && *p == Profile::None)}>{ p.label() }</option>
                        }) }
                    </select>
                </label>
                { for LINES.iter().map(|&(field, label, placeholder)| {
                    let oninput = set(field).reform(|e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        input.value()
                    });
                    html! {
                        <label class="expect">
                            <span class="field-label">{ label }</span>
                            <input type="text" data-testid={field.testid()} {placeholder} spellcheck="false"
                                autocomplete="off" autocapitalize="off" value={v.value(field)} {oninput} />
                        </label>
                    }
                }) }
                <label class="expect expect-wide">
                    <span class="field-label">{ "JSON Schema for the payload (draft 2020-12)" }</span>
                    <textarea class="key-textarea" data-testid="expect-schema" spellcheck="false"
                        placeholder={r#"{"required": ["email"], "properties": {"email": {"format": "email"}}}"#}
                        value={v.value(Field::Schema)} oninput={on_schema} />
                </label>
            </div>
            if let Some(result) = answer.and_then(|a| a.validation.as_ref()) {
                <ul class="checks" aria-label="Rules checked">
                    { for result.checks.iter().filter(|c| c.result != CheckResult::Skip).map(check_line) }
                </ul>
                <details class="skipped">
                    <summary>{ format!("{} rules not checked with these settings", result.checks.iter().filter(|c| c.result == CheckResult::Skip).count()) }</summary>
                    <ul class="checks">
                        { for result.checks.iter().filter(|c| c.result == CheckResult::Skip).map(check_line) }
                    </ul>
                </details>
            }
            if let Some(a) = answer.filter(|a| !a.snippets.is_empty()) {
                <details class="snippets">
                    <summary>{ "The same settings as code" }</summary>
                    { for a.snippets.iter().map(|s| html! {
                        <div class="snippet" data-testid="validation-snippet" data-library={s.library.clone()}>
                            <div class="snippet-head">
                                <h3>{ s.library.clone() }</h3>
                                <CopyButton text={AttrValue::from(s.code.clone())} what={AttrValue::from(format!("{} settings", s.library))} />
                            </div>
                            <pre><code>{ s.code.clone() }</code></pre>
                        </div>
                    }) }
                </details>
            }
        </section>
    }
}

fn check_line(check: &Check) -> Html {
    let result = check.result.as_str();
    let mark = match result {
        "pass" => "✓",
        "fail" => "✗",
        _ => "–",
    };
    html! {
        <li class={classes!("check", format!("check-{result}"))} data-testid="validation-check"
            data-rule={check.rule.clone()} data-result={result}>
            <span class="check-mark" aria-hidden="true">{ mark }</span>
            <span class="check-rule">{ check.rule.clone() }</span>
            <span class="check-result">{ result }</span>
            <span class="check-detail">{ check.detail.clone() }</span>
            <cite class="check-ref">{ check.reference.clone() }</cite>
        </li>
    }
}
