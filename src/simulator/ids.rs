//! Deterministic identifiers: the same catalogue (and the same ids for the n-th created
//! item) on every start, so tests and demo links can name things.
//!
//! Caast ids are 24 lower-case hex characters (opaque strings upstream); LiSA ids are v4
//! UUIDs. Both come from a small hash of a kind and a sequence number.

use uuid::{Builder, Uuid};

/// SplitMix64: tiny, well-distributed, and needs no dependency.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn seed(kind: &str, n: u64) -> u64 {
    // FNV-1a over the kind keeps kinds apart.
    let hash = kind.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    splitmix(hash ^ splitmix(n))
}

fn bytes16(kind: &str, n: u64) -> [u8; 16] {
    let a = seed(kind, n);
    let b = splitmix(a);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

/// A LiSA resource id.
pub(crate) fn uuid(kind: &str, n: u64) -> Uuid {
    Builder::from_random_bytes(bytes16(kind, n)).into_uuid()
}

/// A Caast resource id.
pub(crate) fn caast(kind: &str, n: u64) -> String {
    let hex: String = bytes16(kind, n)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex[..24].to_string()
}

/// A secret-looking token (stream keys).
pub(crate) fn token(kind: &str, n: u64) -> String {
    bytes16(kind, n)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
