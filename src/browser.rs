//! The few places the app touches the browser directly, kept at the edge so
//! components stay small and the core stays pure.

use wasm_bindgen::JsValue;

/// Seconds since the epoch, from the browser clock.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The viewer's UTC offset in minutes, east positive, at `secs` (daylight
/// saving makes it depend on the date).
pub fn utc_offset_minutes_at(secs: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    let west = date.get_timezone_offset();
    if west.is_finite() {
        -(west as i32)
    } else {
        0
    }
}

/// Whether the system prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `data-theme` on the root element, which the stylesheet keys off.
pub fn apply_theme(theme: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(t) => root.set_attribute("data-theme", t),
        None => root.remove_attribute("data-theme"),
    };
}

/// Copies text to the clipboard; the browser may refuse without a gesture.
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
