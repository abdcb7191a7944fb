use yew::prelude::*;

use crate::state::Theme;

#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// The theme in effect (chosen, or the system's).
    pub current: Theme,
    pub on_change: Callback<Theme>,
}

#[component]
pub fn ThemeToggle(props: &ThemeToggleProps) -> Html {
    let next = props.current.other();
    let onclick = props.on_change.reform(move |_| next);
    html! {
        <button type="button" class="btn btn-ghost theme-toggle" {onclick}
            data-testid="theme-toggle"
            aria-label={format!("Switch to {} theme", next.as_str())}
            title={format!("Switch to {} theme", next.as_str())}>
            { if props.current == Theme::Dark { "☀ Light" } else { "☾ Dark" } }
        </button>
    }
}
