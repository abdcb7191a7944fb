fn main() {
    yew::Renderer::<jwt_debugger::App>::new().render();
}
