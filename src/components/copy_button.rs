use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// What is copied.
    pub text: AttrValue,
    /// What is copied, for the accessible label ("header", "payload", …).
    pub what: AttrValue,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let copied = copied.clone();
        let text = props.text.clone();
        Callback::from(move |_| {
            browser::copy_text(&text);
            copied.set(true);
            let copied = copied.clone();
            Timeout::new(1500, move || copied.set(false)).forget();
        })
    };
    html! {
        <button type="button" class="btn btn-small" {onclick}
            aria-label={format!("Copy {}", props.what)} disabled={props.text.is_empty()}>
            { if *copied { "Copied" } else { "Copy" } }
        </button>
    }
}
