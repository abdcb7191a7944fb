//! What a worker's entry point does: hand each message to a pure core
//! handler and post its answer back, in arrival order. The crypto worker
//! and the validation worker differ only in the handler.

/// Answers messages with `handler` for as long as the worker lives.
#[cfg(target_arch = "wasm32")]
pub fn serve(handler: fn(&str) -> String) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let request = e.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&handler(&request)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before this handler existed would be lost, so the page
    // waits for this before it sends anything.
    let _ = scope.post_message(&JsValue::from_str(&crate::core::engine::ready()));
}

/// Natively a worker answers JSON lines on standard input, one per line,
/// which makes the protocol easy to try by hand.
#[cfg(not(target_arch = "wasm32"))]
pub fn serve(handler: fn(&str) -> String) {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if writeln!(out, "{}", handler(&line)).is_err() {
            break;
        }
    }
}
