//! sha256 of spec text, as vendor configs pin it and `@generated` headers name it.

use sha2::{Digest, Sha256};

/// Lower-case hex sha256 of a text (or any bytes).
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    Sha256::digest(bytes.as_ref()).iter().map(|b| format!("{b:02x}")).collect()
}
