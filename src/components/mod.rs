//! One function component per file; each renders results the core computed.

pub mod app;
pub mod claims_list;
pub mod copy_button;
pub mod crack_secret;
pub mod edit_bar;
pub mod encoder_encrypt;
pub mod encoder_view;
pub mod findings_list;
pub mod header_panel;
pub mod json_editor;
pub mod json_view;
pub mod jwe_panel;
pub mod jwe_plaintext;
pub mod jwe_recipients;
pub mod key_generator;
pub mod key_input;
pub mod key_sources;
pub mod key_tool_view;
pub mod mode_tabs;
pub mod payload_panel;
pub mod progressive;
pub mod sd_panel;
pub mod signature_entries;
pub mod signature_panel;
pub mod signature_steps;
pub mod status_list_check;
pub mod theme_toggle;
pub mod token_errors;
pub mod token_input;
pub mod validation_view;
pub mod verify_status;
pub mod wrap_toggle;

/// 1048576 as "1,048,576".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
