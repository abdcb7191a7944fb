use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::browser;
use crate::components::findings_list::FindingsList;
use crate::components::header_panel::HeaderPanel;
use crate::components::payload_panel::PayloadPanel;
use crate::components::signature_panel::SignaturePanel;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::token_errors::TokenErrors;
use crate::components::token_input::TokenInput;
use crate::core::{findings, SAMPLE_TOKEN};
use crate::state::{Action, AppState, Theme};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(SAMPLE_TOKEN, browser::now_secs()));

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
    let on_theme = {
        let state = state.clone();
        Callback::from(move |t| state.dispatch(Action::SetTheme(t)))
    };
    let theme = state.theme.unwrap_or(if browser::prefers_dark() {
        Theme::Dark
    } else {
        Theme::Light
    });
    let findings = Rc::new(findings::token_findings(&state.decoded, state.now));
    let decoded = state.decoded.clone();

    html! {
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "{·}" }</span>
                    <div>
                        <h1>{ "JWT Debugger" }</h1>
                        <p class="tagline">{ "Decode, verify and audit JSON Web Tokens. Everything runs in this page; nothing you paste leaves it." }</p>
                    </div>
                </div>
                <ThemeToggle current={theme} on_change={on_theme} />
            </header>
            <main class="layout">
                <section class="pane pane-input" aria-label="Encoded token">
                    <div class="pane-head">
                        <h2>{ "Encoded token" }</h2>
                        <div class="actions">
                            <button type="button" class="btn btn-small" onclick={on_sample}>{ "Sample" }</button>
                            <button type="button" class="btn btn-small" onclick={on_clear}
                                data-testid="clear" disabled={state.raw.is_empty()}>{ "Clear" }</button>
                        </div>
                    </div>
                    <TokenInput raw={state.raw.clone()} decoded={decoded.clone()} {on_input} />
                    <TokenErrors decoded={decoded.clone()} />
                    <h2 class="section-title">{ "Findings" }</h2>
                    <FindingsList findings={findings} />
                </section>
                <section class="pane pane-decoded" aria-label="Decoded token">
                    <HeaderPanel decoded={decoded.clone()} />
                    <PayloadPanel decoded={decoded.clone()} now={state.now} />
                    <SignaturePanel decoded={decoded} />
                </section>
            </main>
            <footer class="footer">
                <p>{ "Works offline. No analytics, no third-party requests; tokens and keys are never sent anywhere." }</p>
            </footer>
        </div>
    }
}
