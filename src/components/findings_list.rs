use std::rc::Rc;

use yew::prelude::*;

use crate::core::finding_refs;
use crate::core::findings::Finding;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub findings: Rc<Vec<Finding>>,
}

#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    if props.findings.is_empty() {
        return html! {
            <p class="findings-empty">{ "No problems found in the token itself." }</p>
        };
    }
    html! {
        <ul class="findings" aria-label="Findings">
            { for props.findings.iter().map(|f| html! {
                <li class={classes!("finding", format!("sev-{}", f.severity.as_str()))}
                    data-testid="finding" data-code={f.code.to_string()} data-severity={f.severity.as_str()}>
                    <span class="finding-badge">{ f.severity.as_str() }</span>
                    <span class="finding-text">
                        <strong>{ f.title.clone() }</strong>{ " " }{ f.detail.clone() }
                        if let Some(r) = finding_refs::reference(&f.code) {
                            <span class="finding-advice">{ " " }{ r.advice }</span>
                            <a class="finding-ref" data-testid="finding-ref" href={r.url}
                                target="_blank" rel="noopener noreferrer">{ r.cite }</a>
                        }
                    </span>
                </li>
            }) }
        </ul>
    }
}
