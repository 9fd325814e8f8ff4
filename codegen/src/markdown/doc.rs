//! One markdown file through pulldown-cmark (CommonMark + GFM tables) into a [`Doc`]: the
//! title heading, the description paragraphs under it and every table with the heading it
//! sits under, each cell kept as inline pieces (text, code, links, HTML) with its line.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a markdown object doc says, before any dialect is applied.
#[derive(Debug, Default)]
pub(super) struct Doc {
    /// The first level-1 heading, as plain text, with its line.
    pub title: Option<(String, usize)>,
    /// Paragraphs between the title and the next heading.
    pub description: Vec<String>,
    pub tables: Vec<Table>,
    /// Top-level list items outside tables, with the heading they sit under.
    pub items: Vec<Item>,
    /// First line starting with `|` of each paragraph that has one: table rows cut off from their table (a
    /// blank line or a raw line break inside a cell ends a GFM table).
    pub stray_rows: Vec<usize>,
}

#[derive(Debug, Default)]
pub(super) struct Table {
    pub line: usize,
    /// The nearest heading above the table, as plain text (`Fields`, `entries`).
    pub heading: String,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

/// A list item (`* \`ACTIVE\` (value: \`"active"\`)`): its text as a cell.
#[derive(Debug, Default)]
pub(super) struct Item {
    pub heading: String,
    pub cell: Cell,
}

#[derive(Debug, Default)]
pub(super) struct Row {
    pub line: usize,
    /// As many cells as the header: missing ones are empty.
    pub cells: Vec<Cell>,
    /// How many of the cells were missing from the row (pulldown-cmark fills them in).
    pub missing: usize,
    /// The text of cells beyond the header's count (pulldown-cmark drops them).
    pub extra: Option<String>,
    /// Written without a leading pipe and ending in a pipe and a space (`a | b | `): GFM
    /// reads that pipe as closing the row, a template may have meant an empty last cell.
    pub open_end: bool,
}

/// A table cell: its inline content and where it starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Cell {
    pub pieces: Vec<Piece>,
    pub line: usize,
    pub col: usize,
}

/// Inline content with emphasis and strong markers dropped.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Piece {
    Text(String),
    Code(String),
    Html(String),
    Link { dest: String, label: Vec<Piece> },
    Break,
}

impl Cell {
    /// The cell as plain text: code without backticks, links as their label, `<br>` as a
    /// line break.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        plain_into(&self.pieces, &mut out, false);
        out.trim().to_string()
    }

    /// The cell as doc text: like [`Cell::plain`] but code spans keep their backticks.
    pub fn doc_text(&self) -> String {
        let mut out = String::new();
        plain_into(&self.pieces, &mut out, true);
        let lines: Vec<&str> = out.lines().map(str::trim).collect();
        lines.join("\n").trim().to_string()
    }
}

fn plain_into(pieces: &[Piece], out: &mut String, ticks: bool) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Code(c) if ticks => {
                out.push('`');
                out.push_str(c);
                out.push('`');
            }
            Piece::Code(c) => out.push_str(c),
            Piece::Html(h) if is_line_break(h) => out.push('\n'),
            Piece::Html(h) => out.push_str(h),
            Piece::Link { label, .. } => plain_into(label, out, ticks),
            Piece::Break => out.push('\n'),
        }
    }
}

/// `<br>`, `<br/>`, `<br />` in any case.
pub(super) fn is_line_break(html: &str) -> bool {
    let t: String = html.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    t == "<br>" || t == "<br/>" || t == "</br>"
}

/// Byte offset → 1-based line and column (in characters).
pub(super) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    pub fn at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    /// Position of the first non-blank character at or after `offset` on the same line.
    pub fn content_at(&self, offset: usize) -> (usize, usize) {
        let rest = self.text.get(offset..).unwrap_or("");
        let skip: usize = rest.chars().take_while(|c| *c == ' ' || *c == '\t' || *c == '|').map(char::len_utf8).sum();
        self.at(offset + skip)
    }
}

/// Where inline events currently go.
enum Sink {
    None,
    Title(Vec<Piece>, usize),
    Heading(Vec<Piece>),
    Paragraph(Vec<Piece>),
    Cell(Cell),
    Item(Cell),
}

/// Parses markdown text. Never fails: CommonMark has no syntax errors.
pub(super) fn parse(text: &str) -> Doc {
    let mut st = Parse {
        text,
        lines: Lines::new(text),
        doc: Doc::default(),
        heading: String::new(),
        in_description: false,
        sink: Sink::None,
        links: Vec::new(),
        table: None,
        row: None,
        row_span: 0..0,
        cell_end: 0,
        in_head: false,
        scratch: Vec::new(),
    };
    let mut code_block = 0usize;
    for (ev, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        if code_block > 0 {
            match ev {
                Event::Start(Tag::CodeBlock(_)) => code_block += 1,
                Event::End(TagEnd::CodeBlock) => code_block -= 1,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(Tag::CodeBlock(_)) => code_block = 1,
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell) => st.table_event(&ev, range),
            Event::Start(Tag::Link { .. })
            | Event::End(TagEnd::Link)
            | Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::SoftBreak
            | Event::HardBreak => st.inline_event(ev),
            _ => st.block_event(&ev, range),
        }
    }
    st.doc
}

/// The parser's state between events.
struct Parse<'t> {
    text: &'t str,
    lines: Lines<'t>,
    doc: Doc,
    /// The text of the last heading (the title's too).
    heading: String,
    /// Paragraphs are the doc's description (after the title, before any table or heading).
    in_description: bool,
    sink: Sink,
    /// Open links: their destination and the pieces gathered before them.
    links: Vec<(String, Vec<Piece>)>,
    table: Option<Table>,
    row: Option<Row>,
    /// The current body row's source span, and where its last cell written in it ends.
    row_span: std::ops::Range<usize>,
    cell_end: usize,
    in_head: bool,
    scratch: Vec<Piece>,
}

impl Parse<'_> {
    /// Headings, paragraphs and list items.
    fn block_event(&mut self, ev: &Event, range: std::ops::Range<usize>) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let line = self.lines.at(range.start).0;
                self.in_description = *level == HeadingLevel::H1 && self.doc.title.is_none();
                self.sink = if self.in_description { Sink::Title(Vec::new(), line) } else { Sink::Heading(Vec::new()) };
            }
            Event::End(TagEnd::Heading(_)) => match std::mem::replace(&mut self.sink, Sink::None) {
                Sink::Title(p, line) => {
                    let t = Cell { pieces: p, line, col: 1 }.plain();
                    self.heading = t.clone();
                    self.doc.title = Some((t, line));
                }
                Sink::Heading(p) => self.heading = Cell { pieces: p, line: 0, col: 0 }.plain(),
                _ => {}
            },
            Event::Start(Tag::Paragraph) => {
                let para = &self.text[range.clone()];
                let first_line = self.lines.at(range.start).0;
                if let Some(i) = para.lines().position(|l| l.trim_start().starts_with('|')) {
                    self.doc.stray_rows.push(first_line + i);
                }
                if self.in_description && self.table.is_none() {
                    self.sink = Sink::Paragraph(Vec::new());
                }
            }
            Event::Start(Tag::Item) if matches!(self.sink, Sink::None) && self.table.is_none() && !self.in_description => {
                let (line, col) = self.lines.at(range.start);
                self.sink = Sink::Item(Cell { pieces: Vec::new(), line, col });
            }
            Event::End(TagEnd::Item) => {
                if let Sink::Item(cell) = std::mem::replace(&mut self.sink, Sink::None) {
                    self.doc.items.push(Item { heading: self.heading.clone(), cell });
                }
            }
            Event::End(TagEnd::Paragraph) if matches!(self.sink, Sink::Paragraph(_)) => {
                if let Sink::Paragraph(p) = std::mem::replace(&mut self.sink, Sink::None) {
                    let text = Cell { pieces: p, line: 0, col: 0 }.doc_text();
                    if !text.is_empty() {
                        self.doc.description.push(text);
                    }
                }
            }
            _ => {}
        }
    }

    /// Tables, their rows and cells.
    fn table_event(&mut self, ev: &Event, range: std::ops::Range<usize>) {
        match ev {
            Event::Start(Tag::Table(_)) => {
                self.in_description = false;
                self.table = Some(Table { line: self.lines.at(range.start).0, heading: self.heading.clone(), ..Table::default() });
            }
            Event::End(TagEnd::Table) => self.doc.tables.extend(self.table.take()),
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => {
                self.row = Some(Row { line: self.lines.at(range.start).0, ..Row::default() });
                (self.row_span, self.cell_end) = (range.clone(), range.start);
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(mut r)) = (self.table.as_mut(), self.row.take()) {
                    r.extra = extra_cells(self.text.get(self.cell_end..self.row_span.end).unwrap_or(""));
                    r.open_end = open_end(self.text.get(self.row_span.clone()).unwrap_or(""));
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => {
                match self.row.as_mut() {
                    Some(r) if range.is_empty() && range.start >= self.row_span.end => r.missing += 1,
                    _ => self.cell_end = range.end,
                }
                let (line, col) = self.lines.content_at(range.start);
                self.sink = Sink::Cell(Cell { pieces: Vec::new(), line, col });
            }
            Event::End(TagEnd::TableCell) => {
                if let Sink::Cell(c) = std::mem::replace(&mut self.sink, Sink::None) {
                    match (self.in_head, self.table.as_mut(), self.row.as_mut()) {
                        (true, Some(t), _) => t.header.push(c),
                        (false, _, Some(r)) => r.cells.push(c),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// Text, code, HTML, breaks and links, into whatever gathers them now.
    fn inline_event(&mut self, ev: Event) {
        let pieces = pieces_of(&mut self.sink, &mut self.scratch);
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let outer = std::mem::take(pieces);
                self.links.push((dest_url.to_string(), outer));
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, outer)) = self.links.pop() {
                    let label = std::mem::replace(pieces, outer);
                    pieces.push(Piece::Link { dest, label });
                }
            }
            Event::Text(t) => push_text(pieces, &t),
            Event::Code(c) => pieces.push(Piece::Code(c.to_string())),
            Event::InlineHtml(h) | Event::Html(h) => pieces.push(Piece::Html(h.to_string())),
            Event::SoftBreak | Event::HardBreak => pieces.push(Piece::Break),
            _ => {}
        }
    }
}

/// The cells of a row's text after the last cell pulldown-cmark kept (it drops cells beyond
/// the header's count): `None` when there are none, else their text between pipes.
fn extra_cells(rest: &str) -> Option<String> {
    let t = rest.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t).trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// See [`Row::open_end`].
fn open_end(row: &str) -> bool {
    let line = row.trim_end_matches(['\n', '\r']);
    !line.trim_start().starts_with('|') && line.ends_with([' ', '\t']) && line.trim_end().ends_with('|')
}

/// Where inline pieces go now; `scratch` (discarded) when nothing collects them.
fn pieces_of<'a>(sink: &'a mut Sink, scratch: &'a mut Vec<Piece>) -> &'a mut Vec<Piece> {
    match sink {
        Sink::Title(p, _) | Sink::Heading(p) | Sink::Paragraph(p) => p,
        Sink::Cell(c) | Sink::Item(c) => &mut c.pieces,
        Sink::None => {
            if scratch.len() > 64 {
                scratch.clear();
            }
            scratch
        }
    }
}

/// Appends text, joining it to a preceding text piece (pulldown-cmark splits text at
/// brackets and entities).
fn push_text(pieces: &mut Vec<Piece>, t: &str) {
    if let Some(Piece::Text(prev)) = pieces.last_mut() {
        prev.push_str(t);
    } else {
        pieces.push(Piece::Text(t.to_string()));
    }
}
