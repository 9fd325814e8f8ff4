//! Deserialize throughput of the Plaid seed payloads: into the generated plaid-idv types
//! against into `serde_json::Value`. Run by `cargo xtask bench` (section 5).

use std::time::{Duration, Instant};

fn main() {
    let Some(shared) = kycgen_tests::shared_dir() else { return };
    let text = std::fs::read_to_string(shared.join("seeds/plaid-identity-verification.api-reference.md")).expect("seed readable");
    // The get response is the largest payload.
    let start = text.find("#### /identity\\_verification/get").expect("get section");
    let block = text[start..].split("```json").nth(1).and_then(|b| b.split("```").next()).expect("json block");
    let bytes = block.len() as f64;
    let typed = throughput(bytes, || {
        let v: plaid_idv::IdentityVerificationGetResponse = serde_json::from_str(block).expect("typed");
        std::hint::black_box(v);
    });
    let value = throughput(bytes, || {
        let v: serde_json::Value = serde_json::from_str(block).expect("value");
        std::hint::black_box(v);
    });
    println!("| target | MB/s |\n|---|---|");
    println!("| plaid_idv::IdentityVerificationGetResponse | {typed:.0} |");
    println!("| serde_json::Value | {value:.0} |");
    println!("\ntyped / Value: {:.2}x ({} byte payload, median of 7 runs of 2000 parses)", typed / value, block.len());
}

fn throughput(bytes: f64, mut f: impl FnMut()) -> f64 {
    let mut runs: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..2000 {
                f();
            }
            t.elapsed()
        })
        .collect();
    runs.sort();
    bytes * 2000.0 / runs[3].as_secs_f64() / 1e6
}
