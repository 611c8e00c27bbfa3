//! Writes the capture fixtures of tests/fixtures/captures/ from known messages:
//!
//! ```sh
//! cargo run --example make-capture-fixtures
//! ```
//!
//! tests/capture.rs fails when the committed files differ from what this makes.

#[path = "../tests/support/capture_fixtures.rs"]
mod capture_fixtures;
#[path = "../tests/support/capture_writer.rs"]
mod capture_writer;
#[path = "../tests/rules/wire.rs"]
mod wire;

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root.join("tests/fixtures/captures"))?;
    for (path, bytes) in [
        (capture_fixtures::PCAPNG, capture_fixtures::bits_upload_pcapng()),
        (capture_fixtures::HAR, capture_fixtures::bits_upload_har()),
    ] {
        std::fs::write(root.join(path), &bytes)?;
        println!("{path}: {} bytes", bytes.len());
    }
    Ok(())
}
