//! A JSON Web Token debugger that runs entirely in the browser.
//!
//! [`core`] is pure Rust (decoding, keys, verification, findings), tested
//! natively. [`state`] holds the app's reducer and [`components`] its Yew
//! function components, which only render what the core computed.

pub mod browser;
pub mod components;
pub mod core;
pub mod state;
pub mod worker_client;
pub mod worker_host;

pub use components::app::App;
