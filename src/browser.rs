//! The few places the app touches the browser directly, kept at the edge so
//! components stay small and the core stays pure.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, text: &JsValue) -> js_sys::Uint8Array;
    /// A clipboard's data, read as JS strings (see [`rust_string`]).
    #[wasm_bindgen(js_name = DataTransfer)]
    type Transfer;
    #[wasm_bindgen(method, js_class = "DataTransfer", js_name = getData)]
    fn get_data(this: &Transfer, format: &str) -> JsValue;
}

/// A JS string as a Rust one. wasm-bindgen copies strings into wasm one
/// character at a time in JS; the browser's encoder and one block copy
/// take a 10 MB paste in a fraction of that time.
pub fn rust_string(text: &JsValue) -> String {
    let Some(js) = text.dyn_ref::<js_sys::JsString>() else {
        return String::new();
    };
    if js.length() < 64 * 1024 {
        return String::from(js);
    }
    let bytes = Utf8Encoder::new().encode(text).to_vec();
    // The encoder writes only UTF-8 (a lone surrogate becomes U+FFFD).
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The text a paste carries, if any, still a JS string: most pastes are
/// left to the browser, and copying them into wasm first would be wasted.
pub fn pasted_text(event: &web_sys::ClipboardEvent) -> Option<js_sys::JsString> {
    let data = event.clipboard_data()?;
    data.unchecked_into::<Transfer>()
        .get_data("text/plain")
        .dyn_into()
        .ok()
}

/// A text box's value (`value` of a textarea or input).
pub fn value_of(element: &web_sys::Element) -> String {
    js_sys::Reflect::get(element, &JsValue::from_str("value"))
        .map(|v| rust_string(&v))
        .unwrap_or_default()
}

/// Seconds since the epoch, from the browser clock.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Milliseconds since the epoch, for durations.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
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

/// 16 random bytes from the browser's CSPRNG as base64url: a fresh `jti`.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    crate::core::base64url::encode(&bytes)
}

const TOKEN_KEY: &str = "jwt-debugger.token";
const REMEMBER_KEY: &str = "jwt-debugger.remember";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Records on the root element that the crypto worker is ready and how long
/// it took to load (`data-crypto-worker-ms`), for tests and the benchmark.
pub fn mark_worker_ready(millis: f64) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(
            "data-crypto-worker-ms",
            &(millis.max(0.0).round() as u64).to_string(),
        );
    }
}

/// What the user typed into the prerendered first screen (see
/// `scripts/prerender.mjs`) before the app started: a field is `Some` only
/// when it differs from what the snapshot was built with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub token: Option<String>,
    pub key: Option<String>,
}

/// Reads what was typed into the prerendered first screen, then removes it
/// so the app renders in its place with no duplicate element.
pub fn take_prerendered() -> Typed {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Typed::default();
    };
    let Ok(Some(snapshot)) = document.query_selector("[data-prerendered]") else {
        return Typed::default();
    };
    let changed = |testid: &str| {
        let area = snapshot
            .query_selector(&format!("textarea[data-testid={testid}]"))
            .ok()??
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .ok()?;
        let value = area.value();
        (Ok(&value) != area.default_value().as_ref()).then_some(value)
    };
    let typed = Typed {
        token: changed("token-input"),
        key: changed("key-input"),
    };
    snapshot.remove();
    typed
}

/// A value kept in this tab's session storage.
pub fn session_value(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Keeps a value in this tab's session storage (best effort: storage may be
/// disabled or full); an empty value removes the key.
pub fn set_session_value(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = if value.is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, value)
        };
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The token in the URL fragment (`#token=…`), if any. The fragment never
/// reaches a server, unlike a query string.
pub fn fragment_token() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let value = hash.strip_prefix("#token=")?;
    let decoded = js_sys::decode_uri_component(value).ok()?.as_string()?;
    (!decoded.is_empty()).then_some(decoded)
}

/// Removes the fragment from the address bar (and this history entry) once
/// it has been read, so the token does not linger in the URL.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if location.hash().map(|h| h.is_empty()).unwrap_or(true) {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// A link that opens this page with `token` loaded, for sharing.
pub fn share_link(token: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    let encoded = js_sys::encode_uri_component(token).as_string()?;
    Some(format!("{base}#token={encoded}"))
}

/// Whether the user chose to keep the token across browser restarts.
pub fn remember_enabled() -> bool {
    local()
        .and_then(|s| s.get_item(REMEMBER_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// The token saved by an earlier visit: this tab's session first, then the
/// remembered one.
pub fn saved_token() -> Option<String> {
    let from_session = session().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
    let from_local = || {
        remember_enabled()
            .then(|| local()?.get_item(TOKEN_KEY).ok().flatten())
            .flatten()
    };
    from_session.or_else(from_local)
}

/// Tokens longer than this are not kept for a reload.
const MAX_SAVED_TOKEN_BYTES: usize = 1024 * 1024;

/// Keeps the token (never the key) for a reload of this tab, and across
/// restarts only when `remember` is on.
pub fn save_token(token: &str, remember: bool) {
    // Storage holds about 5 MB per site; a giant token is not kept (and an
    // older one is not brought back in its place).
    let token = if token.len() > MAX_SAVED_TOKEN_BYTES {
        ""
    } else {
        token
    };
    if let Some(s) = session() {
        let _ = if token.is_empty() {
            s.remove_item(TOKEN_KEY)
        } else {
            s.set_item(TOKEN_KEY, token)
        };
    }
    if let Some(l) = local() {
        if remember && !token.is_empty() {
            let _ = l.set_item(REMEMBER_KEY, "1");
            let _ = l.set_item(TOKEN_KEY, token);
        } else {
            let _ = l.remove_item(REMEMBER_KEY);
            let _ = l.remove_item(TOKEN_KEY);
        }
    }
}

/// Forgets every stored token.
pub fn forget_token() {
    if let Some(s) = session() {
        let _ = s.remove_item(TOKEN_KEY);
    }
    if let Some(l) = local() {
        let _ = l.remove_item(TOKEN_KEY);
        let _ = l.remove_item(REMEMBER_KEY);
    }
}

/// If a panic ever happens despite everything, say so plainly instead of
/// leaving a dead page, and log the message for a bug report.
pub fn install_panic_notice() {
    std::panic::set_hook(Box::new(|info| show_panic_notice(&info.to_string())));
}

/// Logs `message` and puts a "something went wrong — reload" notice at the
/// top of the page.
pub fn show_panic_notice(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "jwt-debugger panicked: {message}"
    )));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if let Ok(notice) = document.create_element("div") {
        notice.set_class_name("panic-notice");
        let _ = notice.set_attribute("role", "alert");
        let _ = notice.set_attribute("data-testid", "panic-notice");
        // Text only: the message may echo pasted input.
        notice.set_text_content(Some(&format!(
            "Something went wrong — reload the page. (Details for a bug report: {message})"
        )));
        let _ = body.prepend_with_node_1(&notice);
    }
}

/// The text at `url` (this site's own file), or why it could not be read.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| {
            "the browser could not fetch it (offline before its first use?)".to_string()
        })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response.text().map_err(|_| "its text cannot be read")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "its text cannot be read".to_string())
}

/// The well-known-secret list, when the page was built as a single file and
/// carries it inline (`window.jwtWeakSecrets`).
pub fn inline_weak_secrets() -> Option<String> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &wasm_bindgen::JsValue::from_str("jwtWeakSecrets"))
        .ok()?
        .as_string()
        .filter(|text| !text.is_empty())
}
