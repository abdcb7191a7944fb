//! The app's one state and its reducer. Holds parse results, not only raw
//! text, so components render what the core decided.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::token::{self, Decoded};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The text as typed or pasted.
    pub raw: AttrValue,
    /// The core's reading of `raw`, recomputed only when `raw` changes.
    pub decoded: Rc<Decoded>,
    /// `None` follows the system's colour scheme.
    pub theme: Option<Theme>,
    /// Seconds since the epoch, advanced by a timer so relative times move.
    pub now: i64,
}

impl AppState {
    pub fn new(raw: &str, now: i64) -> Self {
        AppState {
            raw: AttrValue::from(raw.to_string()),
            decoded: Rc::new(token::decode(raw)),
            theme: None,
            now,
        }
    }
}

pub enum Action {
    SetToken(AttrValue),
    Clear,
    SetTheme(Theme),
    Tick(i64),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetToken(raw) if raw == self.raw => self,
            Action::SetToken(raw) => Rc::new(AppState {
                decoded: Rc::new(token::decode(&raw)),
                raw,
                ..(*self).clone()
            }),
            Action::Clear => Rc::new(AppState {
                decoded: Rc::new(token::decode("")),
                raw: AttrValue::default(),
                ..(*self).clone()
            }),
            Action::SetTheme(theme) => Rc::new(AppState {
                theme: Some(theme),
                ..(*self).clone()
            }),
            Action::Tick(now) if now == self.now => self,
            Action::Tick(now) => Rc::new(AppState {
                now,
                ..(*self).clone()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::SAMPLE_TOKEN;

    #[test]
    fn decodes_only_when_the_token_changes() {
        let state = Rc::new(AppState::new(SAMPLE_TOKEN, 0));
        let same = state
            .clone()
            .reduce(Action::SetToken(AttrValue::from(SAMPLE_TOKEN)));
        assert!(Rc::ptr_eq(&state, &same));
        let ticked = state.clone().reduce(Action::Tick(5));
        assert!(Rc::ptr_eq(&state.decoded, &ticked.decoded));
        let cleared = ticked.reduce(Action::Clear);
        assert_eq!(cleared.raw, "");
        assert_eq!(cleared.decoded.kind, token::TokenKind::Empty);
    }
}
