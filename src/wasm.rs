//! The wasm-bindgen facade (issue 3 fills it in).
