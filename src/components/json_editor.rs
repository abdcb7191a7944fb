use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JsonEditorProps {
    pub value: AttrValue,
    pub on_input: Callback<AttrValue>,
    pub testid: AttrValue,
    /// The accessible name ("Header JSON", …).
    pub label: AttrValue,
    #[prop_or_default]
    pub invalid: bool,
}

/// A textarea for JSON, as tall as its text (within limits) so editing a
/// header or payload needs no inner scrolling.
#[component]
pub fn JsonEditor(props: &JsonEditorProps) -> Html {
    let oninput = props.on_input.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        AttrValue::from(area.value())
    });
    let rows = (props.value.lines().count() + 1).clamp(3, 24).to_string();
    html! {
        <textarea class={classes!("json-editor", props.invalid.then_some("invalid"))}
            data-testid={props.testid.clone()} aria-label={props.label.clone()}
            aria-invalid={props.invalid.then_some("true")}
            spellcheck="false" autocomplete="off" autocapitalize="off"
            rows={rows} value={props.value.clone()} {oninput} />
    }
}
