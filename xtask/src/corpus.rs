//! `cargo xtask fetch-corpus`: the real-spec corpus of `../shared` (specs and seeds the
//! suites read), pinned file by file in `.ci/corpus.json` (path, sha256, upstream url),
//! downloaded into a `../shared`-like directory for a hosted CI runner. Every file is
//! staged first and refused unless its sha256 matches; nothing is moved into place unless
//! all of them do. With `--check`, the directory is only compared with the manifest.

use crate::project_root;
use kycgen_cli::Failure;
use kycgen_codegen::sha256_hex;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// `cargo xtask fetch-corpus`: exit 1 when `--check` finds a difference, 2 when a file
/// cannot be fetched or does not match its pin.
#[derive(clap::Args)]
pub struct Args {
    /// The manifest (default: .ci/corpus.json of this checkout)
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// Where the corpus goes (default: ../shared beside the checkout)
    #[arg(long, value_name = "DIR")]
    dest: Option<PathBuf>,
    /// Base URL of a copy of the corpus (MIRROR/PATH; https, http or file): for files
    /// without an upstream url, and when the upstream copy cannot be fetched
    #[arg(long, value_name = "URL")]
    mirror: Option<String>,
    /// Compare DIR with the manifest and exit 1 on any missing or different file; fetch nothing
    #[arg(long)]
    check: bool,
}

/// One pinned file of the corpus.
struct Entry {
    path: String,
    sha256: String,
    url: Option<String>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let root = project_root();
    let manifest = args.manifest.unwrap_or_else(|| root.join(".ci/corpus.json"));
    let dest = args.dest.unwrap_or_else(|| root.parent().unwrap_or(Path::new("..")).join("shared"));
    let entries = read_manifest(&manifest)?;
    let stale: Vec<&Entry> = entries.iter().filter(|e| !matches(&dest.join(&e.path), &e.sha256)).collect();
    if args.check {
        if stale.is_empty() {
            println!("{}: all {} files match {}", dest.display(), entries.len(), manifest.display());
            return Ok(());
        }
        let list: String = stale.iter().map(|e| format!("{}: missing or not sha256 {}\n", dest.join(&e.path).display(), e.sha256)).collect();
        return Err(Failure::check(format!("{list}{} of {} corpus files differ from the manifest", stale.len(), entries.len())));
    }
    let mirror = args.mirror.filter(|m| !m.is_empty());
    let staging = dest.join(".fetch-corpus.staging");
    let fetched = fetch_all(&stale, mirror.as_deref(), &staging);
    let result = fetched.and_then(|()| move_into_place(&stale, &staging, &dest));
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    println!("fetched {} files into {} ({} already matched)", stale.len(), dest.display(), entries.len() - stale.len());
    Ok(())
}

/// The manifest's entries; a path that is absolute or climbs out is refused.
fn read_manifest(path: &Path) -> Result<Vec<Entry>, Failure> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| Failure::input(format!("{shown}: error: cannot read: {e}")))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| Failure::input(format!("{shown}: error: {e}")))?;
    let files = doc.get("files").and_then(|f| f.as_array()).ok_or_else(|| Failure::input(format!("{shown}: error: no `files` list")))?;
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let field = |k: &str| f.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let (Some(p), Some(sha256)) = (field("path"), field("sha256")) else {
            return Err(Failure::input(format!("{shown}: error: files[{i}] needs `path` and `sha256`")));
        };
        if !Path::new(&p).components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Failure::input(format!("{shown}: error: files[{i}]: `{p}` is not a relative path inside the corpus")));
        }
        out.push(Entry { path: p, sha256: sha256.to_ascii_lowercase(), url: field("url") });
    }
    Ok(out)
}

fn matches(path: &Path, sha256: &str) -> bool {
    std::fs::read(path).is_ok_and(|bytes| sha256_hex(bytes) == sha256)
}

/// Downloads every entry into `staging`, from its url, then from the mirror: the first
/// copy whose sha256 matches. Every entry no source could give, with each source's reason.
fn fetch_all(entries: &[&Entry], mirror: Option<&str>, staging: &Path) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for e in entries {
        let sources: Vec<String> = e.url.iter().cloned().chain(mirror.map(|m| format!("{}/{}", m.trim_end_matches('/'), e.path))).collect();
        if sources.is_empty() {
            problems.push(format!("{}: no upstream url in the manifest and no --mirror", e.path));
            continue;
        }
        let to = staging.join(&e.path);
        let mut why = Vec::new();
        for url in &sources {
            match download(url, &to).map(|()| std::fs::read(&to).map(sha256_hex).unwrap_or_default()) {
                Ok(got) if got == e.sha256 => {
                    why.clear();
                    break;
                }
                Ok(got) => why.push(format!("refused {url}: its sha256 is {got}, the manifest pins {}", e.sha256)),
                Err(reason) => why.push(format!("cannot fetch {url}: {reason}")),
            }
        }
        if !why.is_empty() {
            let _ = std::fs::remove_file(&to);
            problems.push(format!("{}: {}", e.path, why.join("; ")));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Failure::input(format!("{}\nfetch-corpus: {} of {} files failed; nothing was written", problems.join("\n"), problems.len(), entries.len())))
}

fn download(url: &str, to: &Path) -> Result<(), String> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let out = Command::new("curl")
        .args(["-fsSL", "--retry", "3", "--proto", "=https,http,file", "-o"])
        .arg(to)
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    Err(stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("failed").trim_start_matches("curl: ").to_string())
}

fn move_into_place(entries: &[&Entry], staging: &Path, dest: &Path) -> Result<(), Failure> {
    for e in entries {
        let to = dest.join(&e.path);
        let io = |err: std::io::Error| Failure::input(format!("{}: {err}", to.display()));
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::rename(staging.join(&e.path), &to).map_err(io)?;
    }
    Ok(())
}
