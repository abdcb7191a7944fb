fn main() {
    jwt_debugger::browser::install_panic_notice();
    // The first screen may already be on the page as static HTML; the app
    // replaces it and keeps what was typed into it.
    let typed = jwt_debugger::browser::take_prerendered();
    yew::Renderer::<jwt_debugger::App>::with_props(jwt_debugger::components::app::AppProps {
        typed,
    })
    .render();
}
