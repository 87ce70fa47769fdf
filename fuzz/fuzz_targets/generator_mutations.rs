//! The generator on structured mutations of the Connect slice (`models/connect.json`): the fuzz
//! input picks shapes, members and traits and replaces, deletes, renames or retypes them.
//! Loading and generating must return `Ok` or an error, never panic; `Render` errors are bugs.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(text) = connect_chat_fuzz::mutate_connect(&mut u) else {
        return;
    };
    connect_chat_fuzz::load_and_generate(&text);
});
