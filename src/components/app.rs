use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::browser;
use crate::components::crack_secret::CrackSecret;
use crate::components::edit_bar::EditBar;
use crate::components::encoder_view::EncoderView;
use crate::components::findings_list::FindingsList;
use crate::components::header_panel::HeaderPanel;
use crate::components::jwe_panel::JwePanel;
use crate::components::jwe_plaintext::JwePlaintext;
use crate::components::key_input::KeyInput;
use crate::components::key_sources::KeySources;
use crate::components::key_tool_view::KeyToolView;
use crate::components::mode_tabs::ModeTabs;
use crate::components::payload_panel::PayloadPanel;
use crate::components::progressive::after_next_paint;
use crate::components::sd_panel::SdPanel;
use crate::components::signature_entries::SignatureEntries;
use crate::components::signature_panel::SignaturePanel;
use crate::components::signature_steps::SignatureSteps;
use crate::components::status_list_check::StatusListCheck;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::token_errors::TokenErrors;
use crate::components::token_input::TokenInput;
use crate::components::validation_view::ValidationView;
use crate::components::verify_status::VerifyStatus;
use crate::components::wrap_toggle::WrapToggle;
use crate::core::algorithms::{self, Family};
use crate::core::engine::{Message, Request};
use crate::core::token::TokenKind;
use crate::core::{findings, SAMPLE_TOKEN};
use crate::core::{jwe, status_list, sweep};
use crate::state::validation::{self, Validation};
use crate::state::{Action, AppState, CrackStatus, Edit, Mode, Shared, Theme};
use crate::worker_client::{CryptoWorker, Profile, Reply};

/// The well-known-secret list, beside the page (copied by trunk).
const WEAK_SECRETS_URL: &str = "weak-secrets.txt";

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Typed into the prerendered first screen before the app started.
    #[prop_or_default]
    pub typed: browser::Typed,
}

/// Sends a job to a crypto worker when it is new, and forgets it when the
/// state moves on (answered, superseded or cancelled).
#[hook]
fn use_job(worker: &CryptoWorker, job: Option<Shared<Message<Request>>>) {
    let worker = worker.clone();
    use_effect_with(job, move |job| {
        let seq = job.as_ref().map(|job| {
            worker.send(job);
            job.seq
        });
        move || {
            if let Some(seq) = seq {
                worker.cancel(seq);
            }
        }
    });
}

/// Where a worker's answers go: into the reducer.
fn replies_to(state: UseReducerHandle<AppState>) -> Callback<Reply> {
    Callback::from(move |reply| match reply {
        Reply::Answer(m) => {
            state.dispatch(Action::WorkerAnswered(m.seq, m.body, browser::now_ms()))
        }
        Reply::Failed { seq, reason } => state.dispatch(Action::WorkerFailed(seq, reason)),
        Reply::Ready { .. } => {}
    })
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let typed = props.typed.clone();
    let state = use_reducer(move || {
        // What the user already typed wins, then a shared link, then this
        // tab's (or the remembered) token.
        let initial = typed
            .token
            .or_else(browser::fragment_token)
            .or_else(browser::saved_token)
            .unwrap_or_else(|| SAMPLE_TOKEN.to_string());
        let state = AppState {
            remember: browser::remember_enabled(),
            validation: Validation::restored(browser::session_value(validation::SAVED_KEY)),
            ..AppState::new(&initial, browser::now_secs())
        };
        match typed.key {
            Some(key) => state.with_key(AttrValue::from(key)),
            None => state,
        }
    });
    use_effect_with((), |_| browser::clear_fragment());
    // Keys other than HMAC secrets are checked in the crypto worker, loaded
    // once the first screen is up.
    let worker = {
        let state = state.clone();
        use_memo((), move |_| {
            CryptoWorker::new(
                Profile::CHECKING,
                Callback::from(move |reply| match reply {
                    Reply::Answer(m) => {
                        state.dispatch(Action::WorkerAnswered(m.seq, m.body, browser::now_ms()))
                    }
                    Reply::Failed { seq, reason } => {
                        state.dispatch(Action::WorkerFailed(seq, reason))
                    }
                    Reply::Ready { millis } => browser::mark_worker_ready(millis),
                }),
            )
        })
    };
    {
        let worker = worker.clone();
        use_effect_with((), move |_| worker.start());
    }
    // Each kind of job has its own slot in the state, sent once when new.
    use_job(&worker, state.job.clone());
    use_job(&worker, state.edit.job.clone());
    use_job(&worker, state.encoder.job.clone());
    use_job(&worker, state.encoder.encryption.clone());
    use_job(&worker, state.key_tool.job.clone());
    use_job(&worker, state.crack.job.clone());
    use_job(&worker, state.inspect_job.clone());
    use_job(&worker, state.status_job.clone());
    use_job(&worker, state.kb_job.clone());
    use_job(&worker, state.kb_sign_job.clone());
    use_job(&worker, state.jwe.job.clone());
    // The well-known-secret list is fetched on first use, never before.
    {
        let state = state.clone();
        let wanted = state.crack.status == CrackStatus::Loading && state.crack.list.is_none();
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                wasm_bindgen_futures::spawn_local(async move {
                    let text = match browser::inline_weak_secrets() {
                        Some(text) => Ok(text),
                        None => browser::fetch_text(WEAK_SECRETS_URL).await,
                    };
                    let list = text
                        .map(|t| Shared::new(sweep::parse_list(&t)))
                        .map_err(|e| {
                            format!("the list of well-known secrets could not be loaded: {e}.")
                        });
                    state.dispatch(Action::CrackList(list));
                });
            }
        });
    }
    // Key generation has a worker of its own, started on first use.
    let generator = {
        let state = state.clone();
        use_memo((), move |_| {
            CryptoWorker::new(Profile::GENERATING, replies_to(state))
        })
    };
    use_job(&generator, state.encoder.generation.clone());
    // Validation has a worker of its own (rules, profiles, JSON Schema),
    // loaded when the Validate view first asks.
    let validator = {
        let state = state.clone();
        use_memo((), move |_| {
            CryptoWorker::new(Profile::VALIDATING, replies_to(state))
        })
    };
    use_job(&validator, state.validation.job.clone());
    {
        let saved = state.validation.saved();
        use_effect_with(saved, |saved| {
            browser::set_session_value(validation::SAVED_KEY, saved)
        });
    }
    use_effect_with((state.raw.clone(), state.remember), |(raw, remember)| {
        // Kept once the paste is painted: writing a long token to storage
        // is not what the user waits for.
        let (raw, remember) = (raw.clone(), *remember);
        after_next_paint(move || browser::save_token(&raw, remember));
    });
    let shared = use_state(|| false);

    // Relative times ("expires in 3 minutes") keep moving.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1000, move || {
                state.dispatch(Action::Tick(browser::now_secs()))
            });
            move || drop(tick)
        });
    }
    use_effect_with(state.theme, |theme| {
        browser::apply_theme(theme.map(Theme::as_str));
    });

    let on_input = {
        let state = state.clone();
        Callback::from(move |raw: AttrValue| state.dispatch(Action::SetToken(raw)))
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Clear))
    };
    let on_sample = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetToken(AttrValue::from(SAMPLE_TOKEN))))
    };
    let on_key = {
        let state = state.clone();
        Callback::from(move |k: AttrValue| state.dispatch(Action::SetKey(k)))
    };
    let on_encoding = {
        let state = state.clone();
        Callback::from(move |e| state.dispatch(Action::SetEncoding(e)))
    };
    let on_detached = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::SetDetached(AttrValue::from(area.value())))
        })
    };
    let on_status_list = {
        let state = state.clone();
        Callback::from(move |text: AttrValue| state.dispatch(Action::SetStatusList(text)))
    };
    let is_jwe = state.decoded.kind == TokenKind::Jwe;
    let is_hmac = if is_jwe {
        state.decoded.alg().is_some_and(jwe::uses_shared_key)
    } else {
        state
            .decoded
            .alg()
            .and_then(algorithms::lookup)
            .is_none_or(|a| a.family == Family::Hmac)
    };
    let payload_empty = state.decoded.payload_is_empty();
    let on_share = {
        let state = state.clone();
        let shared = shared.clone();
        Callback::from(move |_| {
            if let Some(link) = browser::share_link(&state.decoded.clean.token) {
                browser::copy_text(&link);
                shared.set(true);
            }
        })
    };
    let on_forget = {
        let state = state.clone();
        Callback::from(move |_| {
            browser::forget_token();
            browser::set_session_value(validation::SAVED_KEY, "");
            state.dispatch(Action::SetRemember(false));
            state.dispatch(Action::Clear);
        })
    };
    let on_remember = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetRemember(input.checked()))
        })
    };
    let on_theme = {
        let state = state.clone();
        Callback::from(move |t| state.dispatch(Action::SetTheme(t)))
    };
    let theme = state.theme.unwrap_or(if browser::prefers_dark() {
        Theme::Dark
    } else {
        Theme::Light
    });
    // A decrypted JWE's findings include its plaintext's claims.
    let read = state
        .jwe
        .plaintext
        .clone()
        .unwrap_or_else(|| state.decoded.clone());
    // Findings read every claim: once per token and second, not per render.
    let findings = use_memo(
        (
            read,
            state.now,
            state.verdict.clone(),
            state.chain_findings.clone(),
        ),
        |(read, now, verdict, chain)| {
            let mut all = findings::token_findings(read, *now);
            all.extend(verdict.findings.iter().cloned());
            all.extend(chain.iter().cloned());
            // Danger first, then warning, then info.
            all.sort_by_key(|f| std::cmp::Reverse(f.severity));
            all
        },
    );
    let decoded = state.decoded.clone();
    let on_mode = {
        let state = state.clone();
        Callback::from(move |m| state.dispatch(Action::SetMode(m)))
    };
    let on_toggle_edit = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleEdit))
    };
    let on_edit_header = {
        let state = state.clone();
        Callback::from(move |t| state.dispatch(Action::EditHeader(t)))
    };
    let on_edit_payload = {
        let state = state.clone();
        Callback::from(move |t| state.dispatch(Action::EditPayload(t)))
    };
    let editing = state.edit.open;
    // Stable across renders, so the SD-JWT panel (hundreds of disclosure
    // rows) re-renders only when its token or key binding changes.
    let on_sign_kb = use_callback(state.dispatcher(), |req, dispatcher| {
        dispatcher.dispatch(Action::SignKeyBinding(req))
    });
    let on_open_nested = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::OpenNested))
    };
    let on_wrap = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleWrap))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::BackToOuter))
    };
    let view = match state.mode {
        Mode::Encode => html! {
            <EncoderView encoder={state.encoder.clone()} now={state.now} dispatch={state.dispatcher()} />
        },
        Mode::Keys => html! {
            <KeyToolView key_tool={state.key_tool.clone()} dispatch={state.dispatcher()} />
        },
        Mode::Decode | Mode::Validate => html! {
            <main class="layout decoder-layout" aria-label="Decoder">
                <section class="pane pane-input" aria-label="Encoded token">
                    <div class="pane-head">
                        <h2>{ "Encoded token" }</h2>
                        <div class="actions">
                            <button type="button" class="btn btn-small" onclick={on_sample}>{ "Sample" }</button>
                            <button type="button" class="btn btn-small" onclick={on_share} data-testid="share"
                                title="Copy a link with the token in its #fragment (never the key)"
                                disabled={state.decoded.clean.token.is_empty()}>
                                { if *shared { "Link copied" } else { "Share" } }
                            </button>
                            <button type="button" class="btn btn-small" onclick={on_clear}
                                data-testid="clear" disabled={state.raw.is_empty()}>{ "Clear" }</button>
                        </div>
                    </div>
                    <TokenInput raw={state.raw.clone()} decoded={decoded.clone()} {on_input} />
                    if state.outer.is_some() {
                        <p class="outer-note">
                            { "This token was inside an encrypted token (JWE). " }
                            <button type="button" class="btn btn-small" data-testid="back-to-jwe" onclick={on_back}>
                                { "Back to the encrypted token" }
                            </button>
                        </p>
                    }
                    <div class="storage-row">
                        <label class="remember">
                            <input type="checkbox" data-testid="remember" checked={state.remember} onchange={on_remember} />
                            { " Remember the token on this device" }
                        </label>
                        <button type="button" class="btn btn-small btn-ghost" data-testid="forget" onclick={on_forget}
                            title="Clear the token from this tab and from this device's storage">{ "Forget" }</button>
                    </div>
                    <TokenErrors decoded={decoded.clone()} />
                    if state.mode == Mode::Validate {
                        <ValidationView validation={state.validation.clone()} dispatch={state.dispatcher()}
                            typ={state.decoded.header_param("typ").and_then(|t| t.as_str()).map(|t| AttrValue::from(t.to_string()))} />
                    }
                </section>
                <section class="pane pane-details" aria-label="Findings and signature">
                    <h2 class="section-title">{ "Findings" }</h2>
                    <FindingsList findings={findings} />
                    if is_jwe {
                        <JwePanel jwe={state.jwe.clone()}>
                            <KeyInput key_text={state.key_text.clone()} encoding={state.encoding}
                                summary={state.key_summary.clone()} {is_hmac} on_key={on_key.clone()} on_encoding={on_encoding.clone()}
                                decrypting=true />
                        </JwePanel>
                    } else {
                        <SignaturePanel decoded={decoded.clone()}>
                            <VerifyStatus verdict={state.verdict.clone()} />
                            <SignatureEntries decoded={decoded.clone()} verdict={state.verdict.clone()} />
                            <KeyInput key_text={state.key_text.clone()} encoding={state.encoding}
                                summary={state.key_summary.clone()} {is_hmac} {on_key} {on_encoding} />
                            if is_hmac && state.decoded.is_verifiable() {
                                <CrackSecret crack={state.crack.clone()} dispatch={state.dispatcher()} />
                            }
                            <KeySources decoded={decoded.clone()} key_text={state.key_text.clone()} dispatch={state.dispatcher()} />
                            <SignatureSteps decoded={decoded.clone()} verdict={state.verdict.clone()} />
                            if payload_empty {
                                <div class="detached">
                                    <label class="field-label" for="detached-payload">{ "Detached payload" }</label>
                                    <textarea id="detached-payload" class="key-textarea" data-testid="detached-payload"
                                        placeholder="The payload part is empty: paste the detached content it signs"
                                        value={state.detached.clone()} oninput={on_detached} />
                                </div>
                            }
                        </SignaturePanel>
                    }
                </section>
                <section class="pane pane-decoded" id="decoded" tabindex="-1" aria-label="Decoded token">
                    <EditBar edit={state.edit.clone()} possible={Edit::possible(&decoded)} on_toggle={on_toggle_edit}>
                        <WrapToggle wrap={state.wrap_json} on_toggle={on_wrap} />
                    </EditBar>
                    <HeaderPanel decoded={decoded.clone()} on_edit={on_edit_header}
                        editing={editing.then(|| state.edit.header.clone())} />
                    if let Some(plaintext) = state.jwe.plaintext.clone() {
                        <JwePlaintext {plaintext} now={state.now} on_open_nested={on_open_nested}
                            nested={state.jwe.result.as_ref().and_then(|r| r.nested.clone()).map(AttrValue::from)} />
                    } else if !is_jwe {
                        <PayloadPanel decoded={decoded.clone()} now={state.now} on_edit={on_edit_payload}
                            editing={editing.then(|| state.edit.payload.clone())} />
                        if let Some(reference) = state.decoded.claims().and_then(status_list::reference) {
                            <StatusListCheck {reference} text={state.status_list.clone()}
                                read={state.status_read.clone()} on_text={on_status_list} />
                        }
                        <SdPanel decoded={decoded} kb_verdict={state.kb_verdict.clone()}
                            on_sign={on_sign_kb} signing={state.kb_sign_job.is_some()}
                            signed={state.kb_signed.clone()} />
                    }
                </section>
            </main>
        },
    };

    html! {
        <div class={classes!("app", (!state.wrap_json).then_some("json-nowrap"))}>
            if matches!(state.mode, Mode::Decode | Mode::Validate) {
                <a class="skip-link" href="#decoded">{ "Skip to the decoded token" }</a>
            }
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "{·}" }</span>
                    <div>
                        <h1>{ "JWT Debugger" }</h1>
                        <p class="tagline">{ "Decode, verify, sign and audit JSON Web Tokens. Everything runs in this page; nothing you paste leaves it." }</p>
                    </div>
                </div>
                <ThemeToggle current={theme} on_change={on_theme} />
            </header>
            <ModeTabs mode={state.mode} on_change={on_mode} />
            { view }
            <footer class="footer">
                <p>{ "Works offline. No analytics, no third-party requests; tokens and keys are never sent anywhere." }</p>
            </footer>
        </div>
    }
}
