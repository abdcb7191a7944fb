//! Rendering long lists a chunk per frame, so that a paste paints its first
//! screen at once and the rest follows without one long task.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many of `total` items to render for `key`: `first` at once, then
/// `step` more after each painted frame until all are in. A new key starts
/// from `first`, or from as many as are already rendered: updating items in
/// place costs less than removing hundreds of them in the paste's frame.
#[hook]
pub fn use_progressive<K>(key: K, total: usize, first: usize, step: usize) -> usize
where
    K: PartialEq + Clone + 'static,
{
    let shown = use_state(|| (key.clone(), first));
    // Bumped by every run of the effect: a pending step for an earlier key
    // or count is then stale and does nothing.
    let generation = use_mut_ref(|| 0u64);
    // How many items the last render put in the page.
    let rendered = use_mut_ref(|| 0usize);
    let count = if shown.0 == key {
        shown.1
    } else {
        first.max(*rendered.borrow())
    };
    *rendered.borrow_mut() = count.min(total);
    {
        let shown = shown.clone();
        let generation = generation.clone();
        use_effect_with((key, count), move |(key, count)| {
            *generation.borrow_mut() += 1;
            if *count < total {
                let mine = *generation.borrow();
                let (key, next) = (key.clone(), count.saturating_add(step));
                after_next_paint(move || {
                    if *generation.borrow() == mine {
                        shown.set((key, next));
                    }
                });
            }
        });
    }
    count.min(total)
}

/// Runs `f` in a task after the next frame is painted: a timer set from an
/// animation-frame callback fires after that frame.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return f();
    };
    let tick = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, f).forget();
    });
    // A hidden page gets no frames: the rest then follows once it is shown.
    let _ = window.request_animation_frame(tick.unchecked_ref());
}
