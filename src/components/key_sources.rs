use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::core::explain;
use crate::core::token::Decoded;
use crate::state::{Action, AppState, Shared};

#[derive(Properties, PartialEq)]
pub struct KeySourcesProps {
    pub decoded: Shared<Decoded>,
    pub key_text: AttrValue,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Where this token's key might be: commands that fetch a published key set
/// (this page never fetches), and the key the token carries itself.
#[component]
pub fn KeySources(props: &KeySourcesProps) -> Html {
    let commands = use_memo(props.decoded.clone(), |d| explain::fetch_commands(d));
    let embedded = use_memo(props.decoded.clone(), |d| explain::embedded_key(d));
    // Always one root element (see SignatureSteps).
    if commands.is_empty() && embedded.is_none() {
        return html! { <div class="key-sources" hidden=true></div> };
    }
    let using_embedded = embedded
        .as_ref()
        .as_ref()
        .is_some_and(|(text, _)| text.trim() == props.key_text.trim());
    let on_embedded = {
        let d = props.dispatch.clone();
        let text = embedded
            .as_ref()
            .as_ref()
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        Callback::from(move |_| d.dispatch(Action::SetKey(AttrValue::from(text.clone()))))
    };
    html! {
        <div class="key-sources">
            if !commands.is_empty() {
                <p class="small muted">{ "This page never fetches keys. To get the published ones, run this where you trust the network, then paste the result above:" }</p>
                { for commands.iter().map(|c| html! {
                    <div class="fetch-command">
                        <div class="form-head">
                            <span class="small">{ c.what.clone() }</span>
                            <CopyButton text={AttrValue::from(c.command.clone())} what="command" />
                        </div>
                        <pre class="key-form" data-testid="fetch-keys-command">{ c.command.clone() }</pre>
                    </div>
                }) }
            }
            if let Some((_, from)) = embedded.as_ref() {
                <div class="embedded-key">
                    <button type="button" class="btn btn-small" data-testid="verify-embedded" onclick={on_embedded}
                        disabled={using_embedded}>
                        { format!("Verify with the embedded key ({from})") }
                    </button>
                    <p class={classes!("small", if using_embedded { "edit-note" } else { "muted" })} data-testid="embedded-key-note">
                        { "Checking a token against the key it carries proves only that it was made with that key's private half. Anyone can make such a token, so this says nothing about who issued it; compare the key with one you already trust." }
                    </p>
                </div>
            }
        </div>
    }
}
