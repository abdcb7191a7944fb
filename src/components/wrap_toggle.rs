use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WrapToggleProps {
    /// Long lines of JSON wrap (else they scroll sideways).
    pub wrap: bool,
    pub on_toggle: Callback<()>,
}

/// Wraps long JSON lines, or keeps each line whole and scrolls.
#[component]
pub fn WrapToggle(props: &WrapToggleProps) -> Html {
    let onchange = props.on_toggle.reform(|_: Event| ());
    html! {
        <label class="wrap-toggle small">
            <input type="checkbox" data-testid="wrap-toggle" checked={props.wrap} {onchange} />
            { " Wrap long lines" }
        </label>
    }
}
