//! The page's crypto-worker client in a real browser, where no worker script
//! is served: every start fails, and the client must say so for each job in
//! words instead of leaving it `checking` for ever.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use jwt_debugger::core::engine::{Message, Request};
use jwt_debugger::worker_client::{CryptoWorker, Profile, Reply};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_start_fails_each_job_in_words() {
    let replies = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&replies);
    let worker = CryptoWorker::new(
        Profile::CHECKING,
        Callback::from(move |r: Reply| sink.borrow_mut().push(r)),
    );
    for seq in [7, 8] {
        worker.send(&Message {
            seq,
            body: Request::Spin { rounds: 1 },
        });
    }
    for _ in 0..100 {
        if replies.borrow().len() >= 2 {
            break;
        }
        sleep(100).await;
    }
    let replies = replies.borrow();
    let failed: Vec<u64> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Failed { seq, reason } if reason.contains("could not start") => Some(*seq),
            _ => None,
        })
        .collect();
    assert_eq!(failed, [7, 8], "replies: {replies:?}");
}
