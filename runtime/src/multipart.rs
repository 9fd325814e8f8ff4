//! `multipart/form-data` request bodies (RFC 7578): text fields encoded as form bodies are
//! (objects bracketed, arrays repeated), files as binary parts, and a boundary chosen per body
//! that none of its parts contains.

use crate::error::RequestError;
use serde::Serialize;
use serde_json::Value;
use std::hash::{Hash, Hasher};

/// A file sent as one part of a `multipart/form-data` body (an OpenAPI `format: binary`
/// string in a request). `Debug` shows the media type and size only: file names and
/// contents are personal data. It exists only to be sent: serde refuses it both ways.
#[derive(Clone, PartialEq, Eq)]
pub struct FileUpload {
    file_name: String,
    content_type: String,
    bytes: Vec<u8>,
}

impl FileUpload {
    /// A file: the name it is sent under (`passport.jpg`), its media type (`image/jpeg`) and
    /// its contents.
    pub fn new(file_name: impl Into<String>, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FileUpload { file_name: file_name.into(), content_type: content_type.into(), bytes: bytes.into() }
    }

    /// The name the file is sent under.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The file's media type.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The file's contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileUpload").field("content_type", &self.content_type).field("len", &self.bytes.len()).finish_non_exhaustive()
    }
}

impl Serialize for FileUpload {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("a file upload is sent only as a multipart/form-data part"))
    }
}

impl<'de> serde::Deserialize<'de> for FileUpload {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("a file upload is sent only as a multipart/form-data part, never read"))
    }
}

/// Fields whose value is one or more files: a file, an optional one, or a list.
pub trait FileParts {
    /// The files, in order.
    fn files(&self) -> Vec<&FileUpload>;
}

impl FileParts for FileUpload {
    fn files(&self) -> Vec<&FileUpload> {
        vec![self]
    }
}

impl<T: FileParts> FileParts for Option<T> {
    fn files(&self) -> Vec<&FileUpload> {
        self.as_ref().map(FileParts::files).unwrap_or_default()
    }
}

impl<T: FileParts> FileParts for Vec<T> {
    fn files(&self) -> Vec<&FileUpload> {
        self.iter().flat_map(FileParts::files).collect()
    }
}

/// One part of the body.
#[derive(Debug)]
enum Part<'a> {
    Text { name: String, value: String },
    File { name: String, file: &'a FileUpload },
}

/// A `multipart/form-data` body being built, parts in the order added.
#[derive(Debug, Default)]
pub struct Multipart<'a> {
    parts: Vec<Part<'a>>,
}

impl<'a> Multipart<'a> {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds field `name` with `value`: a scalar as its text, an object or array as form
    /// bodies nest them (`location[country]`, `tags[]`); `null` or `None` adds nothing.
    pub fn text<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), RequestError> {
        let value = serde_json::to_value(value).map_err(|e| RequestError::Build(format!("multipart field `{name}`: {e}")))?;
        let mut pairs = Vec::new();
        match &value {
            Value::Null => {}
            Value::Object(_) | Value::Array(_) => crate::encoding::flatten(name, &value, &mut pairs),
            v => pairs.push((name.to_string(), crate::encoding::scalar(v))),
        }
        self.parts.extend(pairs.into_iter().map(|(name, value)| Part::Text { name, value }));
        Ok(())
    }

    /// Adds each file of `value` as a binary part named `name`.
    pub fn files(&mut self, name: &str, value: &'a impl FileParts) -> Result<(), RequestError> {
        for file in value.files() {
            let ct = &file.content_type;
            let valid = !ct.is_empty() && ct.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) && ct.contains('/');
            if !valid {
                return Err(RequestError::Build(format!("multipart file `{name}`: the media type is not a valid `type/subtype`")));
            }
            self.parts.push(Part::File { name: name.to_string(), file });
        }
        Ok(())
    }

    /// The `Content-Type` value (with the boundary) and the encoded body.
    pub fn finish(self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match part {
                Part::Text { name, value } => {
                    out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", quoted(name)).as_bytes());
                    out.extend_from_slice(value.as_bytes());
                }
                Part::File { name, file } => {
                    let disposition = format!("Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n", quoted(name), quoted(&file.file_name));
                    out.extend_from_slice(disposition.as_bytes());
                    out.extend_from_slice(format!("Content-Type: {}\r\n\r\n", file.content_type).as_bytes());
                    out.extend_from_slice(&file.bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), out)
    }

    /// A boundary that no part contains: a hash of the parts (so the same body always gets
    /// the same one), salted again in the unlikely case a part holds it.
    fn boundary(&self) -> String {
        let contents: Vec<&[u8]> = self
            .parts
            .iter()
            .flat_map(|p| match p {
                Part::Text { name, value } => [name.as_bytes(), value.as_bytes(), b"".as_slice()],
                Part::File { name, file } => [name.as_bytes(), file.file_name.as_bytes(), &file.bytes[..]],
            })
            .collect();
        first_absent(&contents, |salt| {
            let mut h = std::hash::DefaultHasher::new();
            salt.hash(&mut h);
            contents.hash(&mut h);
            format!("kycgen-{:016x}", h.finish())
        })
    }
}

/// The first `candidate(0)`, `candidate(1)`, … that none of `contents` contains.
fn first_absent(contents: &[&[u8]], candidate: impl Fn(u64) -> String) -> String {
    (0u64..).map(candidate).find(|b| !contents.iter().any(|c| contains(c, b.as_bytes()))).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A name or file name inside a quoted header parameter, escaped as browsers do (RFC 7578
/// §4.2 leaves it to the sender): `"` → `%22`, CR → `%0D`, LF → `%0A`.
fn quoted(s: &str) -> String {
    s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodes_text_and_file_parts() {
        let file = FileUpload::new("pass\"port.jpg", "image/jpeg", b"\xff\xd8\x00binary".to_vec());
        let mut form = Multipart::new();
        form.text("type", "passport").unwrap();
        form.text("location", &json!({"country": "GBR"})).unwrap();
        form.text("missing", &Option::<String>::None).unwrap();
        form.files("file", &file).unwrap();
        let (ct, body) = form.finish();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        let mut want = Vec::new();
        want.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\npassport\r\n").as_bytes());
        want.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"location[country]\"\r\n\r\nGBR\r\n").as_bytes());
        want.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pass%22port.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
        want.extend_from_slice(b"\xff\xd8\x00binary\r\n");
        want.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        assert_eq!(body, want);
    }

    #[test]
    fn boundary_is_deterministic_and_absent_from_parts() {
        let build = |bytes: Vec<u8>| {
            let f = FileUpload::new("a", "application/pdf", bytes);
            let mut form = Multipart::new();
            form.files("file", &f).unwrap();
            form.finish()
        };
        let (a, body) = build(b"one".to_vec());
        assert_eq!((a.clone(), body), build(b"one".to_vec()));
        assert_ne!(a, build(b"two".to_vec()).0);
        // A candidate that a part contains is skipped.
        let parts: [&[u8]; 2] = [b"b-0 and b-1", b"x"];
        assert_eq!(first_absent(&parts, |s| format!("b-{s}")), "b-2");
    }

    #[test]
    fn refuses_bad_media_types_and_serde() {
        let f = FileUpload::new("a", "image/jpeg\r\nX-Evil: 1", b"x".to_vec());
        assert!(Multipart::new().files("file", &f).is_err());
        let ok = FileUpload::new("secret-name.jpg", "image/jpeg", vec![1, 2, 3]);
        assert!(serde_json::to_value(&ok).is_err());
        assert!(serde_json::from_str::<FileUpload>("\"x\"").is_err());
        let shown = format!("{ok:?}");
        assert!(!shown.contains("secret-name") && shown.contains("len: 3"), "{shown}");
    }
}
