//! Component tests in a real browser: mount the whole app, drive it through
//! the UI contract's `data-testid` hooks, and check what a person would see.
#![cfg(target_arch = "wasm32")]

use jwt_debugger::core::base64url;
use jwt_debugger::core::keys::SecretEncoding;
use jwt_debugger::core::sign;
use jwt_debugger::core::{SAMPLE_SECRET, SAMPLE_TOKEN};
use jwt_debugger::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlTextAreaElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const HEADER_PRETTY: &str = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// `header.payload.sig` from JSON texts, encoded as a token issuer would.
fn token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.c2ln",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload.as_bytes())
    )
}

/// The app restores the last token from storage and reads `#token=` from
/// the URL; tests share one page, so each starts from a clean slate.
fn reset_browser_state() {
    let window = web_sys::window().unwrap();
    for storage in [window.session_storage(), window.local_storage()] {
        if let Ok(Some(s)) = storage {
            s.clear().unwrap();
        }
    }
    if !window.location().hash().unwrap_or_default().is_empty() {
        window.location().set_hash("").unwrap();
    }
}

/// One mounted app in its own `<div>`, torn down on drop so tests do not see
/// each other's DOM.
struct Rig {
    root: Element,
    handle: Option<AppHandle<App>>,
}

impl Rig {
    async fn mount() -> Rig {
        reset_browser_state();
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Rig {
            root,
            handle: Some(handle),
        }
    }

    fn find(&self, testid: &str) -> Option<Element> {
        self.root
            .query_selector(&format!("[data-testid={testid}]"))
            .unwrap()
    }

    fn get(&self, testid: &str) -> Element {
        self.find(testid)
            .unwrap_or_else(|| panic!("no [data-testid={testid}] in the app"))
    }

    fn text(&self, testid: &str) -> String {
        self.get(testid).text_content().unwrap_or_default()
    }

    /// Every element under the root matching `selector`, in document order.
    /// (A tree walk: `query_selector_all` needs web-sys's `NodeList`.)
    fn all(&self, selector: &str) -> Vec<Element> {
        fn walk(el: &Element, selector: &str, out: &mut Vec<Element>) {
            let mut child = el.first_element_child();
            while let Some(c) = child {
                if c.matches(selector).unwrap() {
                    out.push(c.clone());
                }
                walk(&c, selector, out);
                child = c.next_element_sibling();
            }
        }
        let mut out = Vec::new();
        walk(&self.root, selector, &mut out);
        out
    }

    /// Sets the token textarea as a paste does and fires a bubbling `input`
    /// event, then lets Yew render.
    async fn type_token(&self, text: &str) {
        self.type_into("token-input", text).await;
    }

    /// Sets any textarea as typing does and lets Yew render.
    async fn type_into(&self, testid: &str, text: &str) {
        let area: HtmlTextAreaElement = self.get(testid).dyn_into().unwrap();
        area.set_value(text);
        // `createEvent` + `initEvent` makes a bubbling event without the
        // `EventInit` web-sys feature.
        let event = document().create_event("Event").unwrap();
        event.init_event_with_bubbles("input", true);
        area.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    async fn click(&self, testid: &str) {
        let button: web_sys::HtmlElement = self.get(testid).dyn_into().unwrap();
        button.click();
        yew::scheduler::flush().await;
    }

    fn value(&self, testid: &str) -> String {
        let area: HtmlTextAreaElement = self.get(testid).dyn_into().unwrap();
        area.value()
    }

    fn status(&self) -> String {
        self.get("verify-status")
            .get_attribute("data-status")
            .unwrap_or_default()
    }

    async fn with_token(text: &str) -> Rig {
        let rig = Rig::mount().await;
        rig.type_token(text).await;
        rig
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        reset_browser_state();
    }
}

#[wasm_bindgen_test]
async fn sample_token_shows_header_and_claims_in_order() {
    let rig = Rig::mount().await;
    let area: HtmlTextAreaElement = rig.get("token-input").dyn_into().unwrap();
    assert_eq!(area.value(), SAMPLE_TOKEN);
    assert_eq!(rig.text("header-json"), HEADER_PRETTY);
    assert!(rig.find("token-error").is_none());
    let claims: Vec<String> = rig
        .all("[data-testid=claim]")
        .iter()
        .map(|c| c.get_attribute("data-claim").unwrap_or_default())
        .collect();
    assert_eq!(claims, ["iss", "sub", "aud", "iat", "nbf", "exp", "scope"]);
}

#[wasm_bindgen_test]
async fn exp_claim_holds_a_machine_readable_time() {
    let rig = Rig::mount().await;
    let times = rig.all("[data-testid=claim][data-claim=exp] time");
    assert_eq!(times.len(), 1);
    assert_eq!(
        times[0].get_attribute("datetime").as_deref(),
        Some("2100-01-01T00:00:00Z")
    );
    // The UTC reading is shown as text, not only in the attribute.
    assert_eq!(
        times[0].text_content().as_deref(),
        Some("2100-01-01 00:00:00 UTC")
    );
}

#[wasm_bindgen_test]
async fn numbers_are_shown_exactly_as_written() {
    let rig = Rig::with_token(&token(HEADER, r#"{"big":12345678901234567890123,"f":1e3}"#)).await;
    // A JS-number round trip would print 1.2345678901234568e+22 and 1000.
    assert_eq!(
        rig.text("payload-json"),
        "{\n  \"big\": 12345678901234567890123,\n  \"f\": 1e3\n}"
    );
    assert!(rig.find("token-error").is_none());
}

#[wasm_bindgen_test]
async fn wrong_part_count_is_explained() {
    let rig = Rig::with_token("abc.def").await;
    let error = rig.text("token-error");
    assert!(
        error.contains("this input has 2 parts"),
        "token-error: {error}"
    );
}

#[wasm_bindgen_test]
async fn json_error_is_located_and_header_still_shown() {
    let rig = Rig::with_token(&token(HEADER, r#"{"a":1,}"#)).await;
    let error = rig.text("token-error");
    assert!(error.contains("payload"), "token-error: {error}");
    assert!(error.contains("line 1, column 8"), "token-error: {error}");
    // One broken part does not hide the others.
    assert_eq!(rig.text("header-json"), HEADER_PRETTY);
}

#[wasm_bindgen_test]
async fn markup_in_claims_is_text_not_html() {
    let rig = Rig::with_token(&token(HEADER, r#"{"name":"<img src=x onerror=alert(1)>"}"#)).await;
    assert!(rig.root.query_selector("img").unwrap().is_none());
    assert_eq!(
        rig.text("payload-json"),
        "{\n  \"name\": \"<img src=x onerror=alert(1)>\"\n}"
    );
    let claim = rig.all("[data-testid=claim][data-claim=name]");
    assert_eq!(claim.len(), 1);
    let text = claim[0].text_content().unwrap_or_default();
    assert!(
        text.contains("\"<img src=x onerror=alert(1)>\""),
        "claim text: {text}"
    );
}

#[wasm_bindgen_test]
async fn direction_override_is_shown_as_an_escape() {
    let rig = Rig::with_token(&token(HEADER, "{\"file\":\"txt\u{202e}exe.js\"}")).await;
    let text = rig.text("payload-json");
    // The raw U+202E would reorder the text on screen; the escape shows it.
    assert_eq!(text, "{\n  \"file\": \"txt\\u202eexe.js\"\n}");
    assert!(!text.contains('\u{202e}'));
}

#[wasm_bindgen_test]
async fn bearer_prefix_is_stripped_and_reported() {
    let rig = Rig::with_token(&format!("Bearer {SAMPLE_TOKEN}")).await;
    assert!(rig.find("token-error").is_none());
    assert_eq!(rig.text("header-json"), HEADER_PRETTY);
    let cleaned = rig.all("[data-testid=finding][data-code=input-cleaned]");
    assert_eq!(cleaned.len(), 1);
    assert_eq!(
        cleaned[0].get_attribute("data-severity").as_deref(),
        Some("info")
    );
}

#[wasm_bindgen_test]
async fn empty_input_is_not_an_error() {
    let rig = Rig::with_token("").await;
    assert!(rig.find("token-error").is_none());
    assert!(rig.find("header-json").is_none());
    assert!(rig.all("[data-testid=claim]").is_empty());
}

#[wasm_bindgen_test]
async fn editing_back_to_a_good_token_clears_the_error() {
    let rig = Rig::with_token("abc.def").await;
    assert!(rig.find("token-error").is_some());
    rig.type_token(SAMPLE_TOKEN).await;
    assert!(rig.find("token-error").is_none());
    assert_eq!(rig.all("[data-testid=claim]").len(), 7);
}

#[wasm_bindgen_test]
async fn fragment_token_is_loaded_on_start() {
    let shared = token(HEADER, r#"{"sub":"from-link"}"#);
    reset_browser_state();
    let window = web_sys::window().unwrap();
    window
        .location()
        .set_hash(&format!("token={shared}"))
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let rig = Rig {
        handle: Some(yew::Renderer::<App>::with_root(root.clone()).render()),
        root,
    };
    yew::scheduler::flush().await;
    let area: HtmlTextAreaElement = rig.get("token-input").dyn_into().unwrap();
    assert_eq!(area.value(), shared);
    assert_eq!(rig.text("payload-json"), "{\n  \"sub\": \"from-link\"\n}");
}

#[wasm_bindgen_test]
fn panic_notice_is_plain_text_at_the_top_of_the_page() {
    jwt_debugger::browser::show_panic_notice("index out of bounds <img src=x onerror=alert(1)>");
    let notice = document()
        .query_selector("[data-testid=panic-notice]")
        .unwrap()
        .expect("a notice is shown");
    assert_eq!(
        notice.text_content().unwrap(),
        "Something went wrong — reload the page. (Details for a bug report: index out of bounds <img src=x onerror=alert(1)>)"
    );
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    // The message is text: no element was created from it.
    assert_eq!(notice.child_element_count(), 0);
    assert!(document()
        .body()
        .unwrap()
        .first_element_child()
        .unwrap()
        .is_same_node(Some(&notice)));
    notice.remove();
}

#[wasm_bindgen_test]
async fn editing_the_payload_re_signs_the_sample_on_the_page() {
    let rig = Rig::mount().await;
    assert_eq!(rig.status(), "valid");
    assert!(rig.find("payload-editor").is_none());
    rig.click("edit-token").await;
    assert_eq!(rig.value("header-editor"), HEADER_PRETTY);
    rig.type_into(
        "payload-editor",
        "{\n  \"sub\": \"admin\",\n  \"n\": 1.50\n}",
    )
    .await;
    let token = rig.value("token-input");
    let (alg, input) =
        sign::signing_input(HEADER_PRETTY, "{\"sub\":\"admin\",\"n\":1.50}").unwrap();
    let expected = match sign::sign_on_page(&alg, &input, SAMPLE_SECRET, SecretEncoding::Utf8) {
        sign::PageSigning::Signed(token) => token,
        other => panic!("the sample secret does not sign: {other:?}"),
    };
    assert_eq!(token, expected);
    assert_eq!(rig.status(), "valid");
    assert_eq!(
        rig.text("payload-json"),
        "{\n  \"sub\": \"admin\",\n  \"n\": 1.50\n}"
    );
    rig.type_into("payload-editor", "{\"sub\": }").await;
    assert_eq!(
        rig.text("edit-error"),
        "The payload is not valid JSON at line 1, column 9: expected value."
    );
    assert_eq!(
        rig.value("token-input"),
        expected,
        "the last good token stays"
    );
}

#[wasm_bindgen_test]
async fn the_encoder_signs_at_once_and_opens_in_the_decoder() {
    let rig = Rig::mount().await;
    rig.click("mode-encode").await;
    let token = rig.text("encoder-output");
    assert_eq!(token.split('.').count(), 3);
    assert!(rig.find("encoder-error").is_none());
    rig.type_into("encoder-key", "").await;
    assert_eq!(
        rig.text("encoder-error"),
        "Enter a shared secret to sign with."
    );
    assert!(rig.find("encoder-output").is_none());
    rig.type_into("encoder-key", SAMPLE_SECRET).await;
    assert_eq!(rig.text("encoder-output"), token);
    rig.click("open-in-decoder").await;
    assert_eq!(rig.value("token-input"), token);
    assert_eq!(rig.status(), "valid");
}
