//! Panic: what a Rust panic leaves behind on wasm32, so that the JS layer can say what happened.
//!
//! wasm32 cannot unwind: a panic runs the hook below and then traps (`RuntimeError: unreachable`).
//! The binding is written never to panic; should one happen anyway, `api.mjs` turns the trap into
//! an `Error` that carries this message instead of an opaque `unreachable`.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    /// The message of the last panic, until the JS layer takes it.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: keeps each panic's message (its text and source line,
/// never input bytes: the core's panics, if any, are assertions about its own state).
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        let text: String = text.chars().take(200).collect();
        let message = match info.location() {
            Some(at) => format!("{text} at {}:{}", at.file(), at.line()),
            None => text,
        };
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
    }));
}

/// The last panic's message, once (`api.mjs` reads it when a call traps).
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.borrow_mut().take())
}

/// Test hook, not part of the public surface: panics, so that `test/panic.test.mjs` can prove the
/// trap reaches the caller as a clear `Error` and the module keeps working.
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test() {
    panic!("onejwt test hook: a deliberate panic")
}
