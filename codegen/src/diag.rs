//! Located diagnostics: every problem names its file, line, column and JSON pointer, and a
//! run collects them all instead of stopping at the first.

use std::fmt;

/// How bad a diagnostic is. Errors fail the run (exit code 2); warnings are printed only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Bad input: the run writes nothing and exits 2 (1 when every error is a failed check).
    Error,
    /// Worth saying, not worth failing: printed, and the run goes on.
    Warning,
}

/// One located message about an input file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Whether the diagnostic fails the run.
    pub severity: Severity,
    /// The file as the user named it (relative to the working directory or spec root).
    pub file: String,
    /// JSON pointer inside the spec (`/components/schemas/Foo/type`), when the input is a
    /// structured document.
    pub pointer: Option<String>,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    /// Lower-case message without a final period.
    pub message: String,
    /// The source line the diagnostic points at, filled in by [`crate::source::locate`].
    #[serde(skip)]
    pub snippet: Option<String>,
    /// The input is well formed but a check on it failed (a vendor enum value the
    /// vocabulary does not cover): exit 1 instead of 2 when every error is one.
    #[serde(skip)]
    pub failed_check: bool,
}

impl Diagnostic {
    /// An error about `file`, not yet located: chain [`Self::at_pointer`] or [`Self::at_line`];
    /// [`crate::source::locate`] turns a pointer into a line and column.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pointer: None,
            line: 0,
            col: 0,
            message: message.into(),
            snippet: None,
            failed_check: false,
        }
    }

    /// A warning about `file`, located like [`Self::error`].
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    /// Locates the diagnostic by JSON pointer into its file (`/components/schemas/Foo`, segments
    /// escaped with [`crate::source::escape_pointer`]).
    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Marks the error as a failed check rather than bad input.
    pub fn as_failed_check(mut self) -> Self {
        self.failed_check = true;
        self
    }

    /// Locates the diagnostic at a 1-based line and column (markdown, or a position already known).
    pub fn at_line(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error: message (at #/pointer)`, then the source line with the place
    /// marked (rendered by annotate-snippets, rustc's renderer).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col.max(1))?;
        }
        write!(f, ": {sev}: {}", self.message)?;
        if let Some(p) = &self.pointer {
            write!(f, " (at #{p})")?;
        }
        if let Some(src) = &self.snippet {
            write!(f, "\n{}", render_snippet(src, self.line, self.col, self.severity))?;
        }
        Ok(())
    }
}

/// The source line with the token at `col` underlined, without a title line (the one-line
/// form above already says what is wrong).
fn render_snippet(src: &str, line: usize, col: usize, severity: Severity) -> String {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    let start = src.char_indices().nth(col.saturating_sub(1)).map(|(i, _)| i).unwrap_or(src.len());
    let rest = &src[start..];
    let len = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '}' | ']')).unwrap_or(rest.len()).max(1);
    let end = (start + len).min(src.len()).max(start);
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = &[level.no_name().primary_title("").element(
        Snippet::source(src).line_start(line).annotation(AnnotationKind::Primary.span(start..end)),
    )];
    let out = Renderer::plain().render(report);
    // Drop the empty title line the renderer puts first.
    out.lines().skip_while(|l| l.trim().is_empty() || !l.contains('|')).collect::<Vec<_>>().join("\n")
}

/// Diagnostics accumulated over a run (serde_derive's `Ctxt`, cxx's `Errors`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic; order does not matter until [`Self::sort`].
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds every diagnostic of another run or stage.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The diagnostics from position `at` on, taken out (as `Vec::split_off`): what a stage
    /// added after the ones it was given.
    pub fn split_off(&mut self, at: usize) -> Diagnostics {
        Diagnostics { items: self.items.split_off(at) }
    }

    /// Whether any diagnostic is an error (the run must stop before writing).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether nothing at all was reported, warnings included.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every diagnostic, in the order pushed (or sorted).
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Every diagnostic, mutably: for locating them all in one pass once the sources are known.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.items.iter_mut()
    }

    /// There are errors and every one of them is a failed check (exit 1, not 2).
    pub fn only_failed_checks(&self) -> bool {
        self.has_errors() && self.errors().all(|d| d.failed_check)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Sorts by file, line, column and message so output is stable between runs.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message).cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
    }

    /// The diagnostics as a plain list, in their current order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}
