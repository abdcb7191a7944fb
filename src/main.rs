fn main() {
    jwt_debugger::browser::install_panic_notice();
    yew::Renderer::<jwt_debugger::App>::new().render();
}
