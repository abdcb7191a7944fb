use yew::prelude::*;

use crate::state::Mode;

#[derive(Properties, PartialEq)]
pub struct ModeTabsProps {
    pub mode: Mode,
    pub on_change: Callback<Mode>,
}

const TABS: [(Mode, &str, &str, &str); 4] = [
    (
        Mode::Decode,
        "mode-decode",
        "Decode",
        "Decode and verify a token",
    ),
    (
        Mode::Encode,
        "mode-encode",
        "Encode",
        "Build and sign a token",
    ),
    (
        Mode::Keys,
        "mode-keys",
        "Keys",
        "Convert a key between PEM and JWK",
    ),
    (
        Mode::Validate,
        "mode-validate",
        "Validate",
        "Would a server accept it?",
    ),
];

/// The views as labelled tabs with a line saying what each does, so they
/// read as tabs and not as decoration.
#[component]
pub fn ModeTabs(props: &ModeTabsProps) -> Html {
    html! {
        // The tab list sits inside the navigation landmark: a role on the
        // <nav> itself would replace its landmark role.
        <nav aria-label="Views">
            <div class="mode-tabs" role="tablist">
                { for TABS.iter().map(|&(mode, testid, label, hint)| {
                    let selected = mode == props.mode;
                    let onclick = props.on_change.reform(move |_| mode);
                    html! {
                        <button type="button" role="tab" class={classes!("mode-tab", selected.then_some("selected"))}
                            data-testid={testid} aria-selected={selected.to_string()} {onclick}>
                            <span class="mode-label">{ label }</span>
                            <span class="mode-hint">{ hint }</span>
                        </button>
                    }
                }) }
            </div>
        </nav>
    }
}
