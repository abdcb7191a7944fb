//! The crypto worker's entry point. It only carries messages: each one is
//! answered by `core::engine::handle_json`, in arrival order.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let request = e.data().as_string().unwrap_or_default();
        let answer = jwt_debugger::core::engine::handle_json(&request);
        let _ = replies.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before this handler existed would be lost, so the page
    // waits for this before it sends anything.
    let _ = scope.post_message(&JsValue::from_str(&jwt_debugger::core::engine::ready()));
}

/// Natively the worker answers JSON lines on standard input, one per line,
/// which makes the protocol easy to try by hand:
/// `echo '{"seq":1,"body":{"Spin":{"rounds":1}}}' | cargo run --bin crypto-worker`
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if writeln!(out, "{}", jwt_debugger::core::engine::handle_json(&line)).is_err() {
            break;
        }
    }
}
