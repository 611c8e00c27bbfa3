//! Inspects a benchmark corpus once, for `valgrind --tool=callgrind`: instruction counts,
//! unlike time, repeat exactly on a shared machine. scripts/bench.sh runs it with collection
//! switched on only inside `inspect_once`, and divides by the message count
//! printed here.
//!
//! ```sh
//! cargo run --release --example count_instructions -- uploads 200
//! ```

#[path = "../benches/support/corpus.rs"]
mod corpus;

use bits_inspector::{inspect, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "uploads".into());
    let copies: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let input = match name.as_str() {
        "uploads" => corpus::uploads(copies),
        "small" => corpus::small_messages(copies),
        other => {
            eprintln!("unknown corpus {other}: uploads or small");
            std::process::exit(2);
        }
    };
    let messages = inspect_once(&input);
    println!("{name} {copies}: {} bytes, {messages} messages", input.len());
}

/// The function callgrind counts (`--toggle-collect=*inspect_once*`): the inspection and
/// the freeing of its report, as a caller pays for both.
#[inline(never)]
fn inspect_once(input: &[u8]) -> usize {
    inspect(std::hint::black_box(input), &Options::default()).messages.len()
}
