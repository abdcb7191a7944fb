use yew::prelude::*;

use crate::state::Edit;

#[derive(Properties, PartialEq)]
pub struct EditBarProps {
    pub edit: Edit,
    /// The token is a JWS with JSON header and payload.
    pub possible: bool,
    pub on_toggle: Callback<()>,
    /// More switches for the decoded views, at the end of the row.
    #[prop_or_default]
    pub children: Html,
}

/// The switch that turns the decoded header and payload into editors, and
/// what editing did to the token.
#[component]
pub fn EditBar(props: &EditBarProps) -> Html {
    let edit = &props.edit;
    let onclick = props.on_toggle.reform(|_| ());
    let hint = if edit.open {
        "Changes rewrite the token. It is re-signed when the key box holds a secret or a private key."
    } else if props.possible {
        "Change claims and re-sign the token."
    } else {
        "Only a signed token with JSON header and payload can be edited."
    };
    html! {
        <div class="edit-bar">
            <div class="edit-row">
                <button type="button" class={classes!("btn", "btn-small", edit.open.then_some("btn-primary"))}
                    data-testid="edit-token" aria-pressed={edit.open.to_string()}
                    disabled={!props.possible && !edit.open} {onclick}>
                    { if edit.open { "Done editing" } else { "Edit token" } }
                </button>
                <span class="muted small edit-hint">{ hint }</span>
                { props.children.clone() }
            </div>
            if edit.open {
                if let Some(error) = &edit.error {
                    <p class="edit-error" data-testid="edit-error" role="alert">{ error.clone() }</p>
                }
                if edit.job.is_some() {
                    <p class="edit-note muted small" aria-live="polite">{ "Re-signing with the private key…" }</p>
                }
            }
            if let Some(note) = &edit.note {
                <p class="edit-note" data-testid="edit-note" role="status">{ note.clone() }</p>
            }
        </div>
    }
}
