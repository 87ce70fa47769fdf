//! The generator on arbitrary bytes: `Model::from_json` then `generate` return `Ok` or an
//! error, never panic. A `Render` error (generated tokens that do not parse) is a generator
//! bug and fails the target.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    connect_chat_fuzz::load_and_generate(text);
});
