//! The Type-cell grammar, one for every dialect, its spellings taken from the doc's
//! [`Dialect`]: Stripe's `nullable array of string`, `integer (unix-time)`, `enum: a, b...`,
//! `[x](x.md) (expandable)`; Speakeasy's `Optional[List[str]]`, `Record<string, any>`,
//! `[components.X](x.md)[]`, `[]*string`, `map[string]any`; openapi-generator's
//! `List<String>`, `Pointer to [**X**](X.md)`.
//!
//! ```text
//! type    := prefix type | "enum:" values | atom suffix*
//! prefix  := "nullable " | "array of " | "map of " | "*" | "Pointer to " | "[]" | "map[" type "]"
//! atom    := link | generic | name
//! generic := name open type ("," type)? close        (names and brackets per dialect)
//! suffix  := "[]" | "(" format ")" | "(expandable)"
//! ```
//!
//! A link's label is itself a type in which names that are not built-in stand for the object
//! the link points to. A bare name that is not built-in is a reference to an object of that
//! name, checked once every file is read.

use super::dialect::{Builtin, Dialect, Generic, Prefix};
use super::doc::{is_line_break, Piece};
use crate::ir::{Enum, EnumBase, Kind, Schema};
use serde_json::Value;

/// What a link in a Type cell points at.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Target {
    /// A markdown file that was read: the name of its object.
    Local(String),
    /// A web page: only built-in type names may be linked to one.
    Remote(String),
    /// A file that could not be read (already reported).
    Unread,
    /// A file deliberately not read ([`super::Links::Names`]), with its stem: names in the
    /// label are references by that name; a label that is not a type refers to the stem.
    Named(String),
}

/// A parsed Type cell.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Parsed {
    pub schema: Schema,
    /// Unlinked names taken as references to objects of the same name.
    pub bare_refs: Vec<String>,
    pub warnings: Vec<String>,
    /// The field's type is a pointer (`*string`, `Pointer to X`), outside any container.
    pub pointer: bool,
}

/// Parses a Type cell written in `dialect`. `resolve` maps a link destination to what it
/// points at.
pub(super) fn parse(pieces: &[Piece], dialect: &Dialect, resolve: &dyn Fn(&str) -> Target) -> Result<Parsed, String> {
    let toks = tokens(pieces);
    if toks.iter().all(|t| matches!(t, Tok::Ch(c) if c.is_whitespace())) {
        return Err("the type cell is empty".into());
    }
    let mut g = Grammar { dialect, resolve, out: Parsed::default(), depth: 0, containers: 0 };
    let schema = g.whole(&toks, None)?;
    g.out.schema = schema;
    Ok(g.out)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ch(char),
    Link(String, Vec<Tok>),
}

fn tokens(pieces: &[Piece]) -> Vec<Tok> {
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Text(t) | Piece::Code(t) => out.extend(t.chars().map(Tok::Ch)),
            Piece::Html(h) if is_line_break(h) => out.push(Tok::Ch(' ')),
            // Formatting tags (`<code>`, `<b>`) are dropped; anything else, such as `<String>`
            // in a raw `List<String>`, is part of the type.
            Piece::Html(h) if is_markup(h) => {}
            Piece::Html(h) => out.extend(h.chars().map(Tok::Ch)),
            Piece::Break => out.push(Tok::Ch(' ')),
            Piece::Link { dest, label } => out.push(Tok::Link(dest.clone(), tokens(label))),
        }
    }
    out
}

/// An HTML formatting tag (`<code>`, `</em>`, `<span class="x">`).
fn is_markup(html: &str) -> bool {
    const TAGS: &[&str] = &["code", "b", "i", "em", "strong", "span", "sup", "sub", "tt", "kbd", "small", "p", "div"];
    let inner = html.trim().trim_start_matches('<').trim_start_matches('/');
    let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    TAGS.contains(&name.as_str()) || html.trim_start().starts_with("<!--")
}

fn render(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        match t {
            Tok::Ch(c) => s.push(*c),
            Tok::Link(dest, label) => s.push_str(&format!("[{}]({dest})", render(label))),
        }
    }
    s
}

/// A cursor over tokens.
struct Cur<'t> {
    toks: &'t [Tok],
    pos: usize,
}

impl Cur<'_> {
    fn ch(&self, ahead: usize) -> Option<char> {
        match self.toks.get(self.pos + ahead) {
            Some(Tok::Ch(c)) => Some(*c),
            _ => None,
        }
    }

    fn skip_ws(&mut self) {
        while self.ch(0).is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn looking_at(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.ch(i) == Some(c))
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.looking_at(s) {
            self.pos += s.chars().count();
            true
        } else {
            false
        }
    }

    /// Eats a prefix: a spelling that ends in a space (`array of `) is a keyword, followed
    /// by whitespace or the end; any other (`*`, `[]`) is eaten as written.
    fn eat_prefix(&mut self, spelling: &str) -> bool {
        let Some(kw) = spelling.strip_suffix(' ') else { return self.eat(spelling) };
        let n = kw.chars().count();
        if self.looking_at(kw) && self.ch(n).is_none_or(char::is_whitespace) {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.ch(0).filter(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | '-')) {
            s.push(c);
            self.pos += 1;
        }
        s
    }

    fn rest(&self) -> String {
        render(&self.toks[self.pos.min(self.toks.len())..]).trim().to_string()
    }
}

struct Grammar<'r> {
    dialect: &'r Dialect,
    resolve: &'r dyn Fn(&str) -> Target,
    out: Parsed,
    /// Nesting of the type being read, against stack exhaustion on hostile input.
    depth: usize,
    /// Arrays and maps around the type being read.
    containers: usize,
}

/// Deepest nesting of types in one cell (`Optional[List[…]]`).
const MAX_DEPTH: usize = 32;

impl Grammar<'_> {
    /// A type spanning all of `toks`.
    fn whole(&mut self, toks: &[Tok], link: Option<&Target>) -> Result<Schema, String> {
        let mut c = Cur { toks, pos: 0 };
        let s = self.ty(&mut c, link)?;
        c.skip_ws();
        if !c.at_end() {
            return Err(format!("unexpected `{}` after the type", c.rest()));
        }
        Ok(s)
    }

    fn ty(&mut self, c: &mut Cur, link: Option<&Target>) -> Result<Schema, String> {
        if self.depth >= MAX_DEPTH {
            return Err(format!("the type nests deeper than {MAX_DEPTH} levels"));
        }
        self.depth += 1;
        let s = self.ty_inner(c, link);
        self.depth -= 1;
        s
    }

    fn ty_inner(&mut self, c: &mut Cur, link: Option<&Target>) -> Result<Schema, String> {
        c.skip_ws();
        if let Some(&(_, prefix)) = self.dialect.prefixes.iter().find(|(spelling, _)| c.eat_prefix(spelling)) {
            return self.prefixed(c, prefix, link);
        }
        let mut s = self.atom(c, link)?;
        loop {
            if self.dialect.array_suffix && c.eat("[]") {
                s = kind(Kind::Array(Box::new(s)));
                continue;
            }
            let save = c.pos;
            c.skip_ws();
            if self.dialect.paren_suffixes && c.eat("(") {
                let word = c.ident();
                if c.eat(")") {
                    s = suffix(s, &word, self.dialect.expandable)?;
                    continue;
                }
            }
            c.pos = save;
            return Ok(s);
        }
    }

    /// The type after a prefix the dialect declares.
    fn prefixed(&mut self, c: &mut Cur, prefix: Prefix, link: Option<&Target>) -> Result<Schema, String> {
        match prefix {
            Prefix::Nullable => {
                let mut s = self.ty(c, link)?;
                s.nullable = true;
                Ok(s)
            }
            Prefix::Pointer => {
                self.out.pointer |= self.containers == 0;
                self.ty(c, link)
            }
            Prefix::Enum => self.enumeration(c),
            Prefix::Array => Ok(kind(Kind::Array(Box::new(self.contained(c, link)?)))),
            Prefix::Map => Ok(kind(Kind::Map(Box::new(self.contained(c, link)?)))),
            Prefix::KeyedMap => {
                let key = self.contained(c, link)?;
                c.skip_ws();
                if !c.eat("]") {
                    return Err(format!("expected `]` after the key type of `map[…]`, found `{}`", c.rest()));
                }
                if !matches!(key.kind, Kind::String { .. }) {
                    return Err("`map[…]` keys must be strings".into());
                }
                Ok(kind(Kind::Map(Box::new(self.contained(c, link)?))))
            }
        }
    }

    /// A type inside an array or a map.
    fn contained(&mut self, c: &mut Cur, link: Option<&Target>) -> Result<Schema, String> {
        self.containers += 1;
        let s = self.ty(c, link);
        self.containers -= 1;
        s
    }

    fn atom(&mut self, c: &mut Cur, link: Option<&Target>) -> Result<Schema, String> {
        c.skip_ws();
        if let Some(Tok::Link(dest, label)) = c.toks.get(c.pos) {
            c.pos += 1;
            let target = (self.resolve)(dest);
            if label.is_empty() {
                return Err(format!("the link to `{dest}` has no text"));
            }
            if let Target::Named(stem) = &target {
                return Ok(self.whole(label, Some(&target)).unwrap_or_else(|_| kind(Kind::Ref(stem.clone()))));
            }
            return self.whole(label, Some(&target));
        }
        let mut name = c.ident();
        if name.is_empty() {
            return Err(match c.rest() {
                r if r.is_empty() => "a type is missing at the end".into(),
                r => format!("expected a type, found `{r}`"),
            });
        }
        // Go's `interface{}`.
        if c.looking_at("{}") && self.dialect.builtin(&format!("{name}{{}}"), false).is_some() {
            c.eat("{}");
            name.push_str("{}");
        }
        if let Some(open) = c.ch(0).filter(|o| self.dialect.opens_generic(*o)) {
            if !(open == '[' && c.ch(1) == Some(']')) {
                return self.generic(c, &name, link);
            }
        }
        let remote = matches!(link, Some(Target::Remote(_)));
        if let Some(b) = self.dialect.builtin(&name, remote) {
            return Ok(builtin(b));
        }
        if let Some(b) = self.dialect.nullable_name(&name).and_then(|base| self.dialect.builtin(base, false)) {
            return Ok(Schema { nullable: true, ..builtin(b) });
        }
        match link {
            Some(Target::Local(obj)) => Ok(kind(Kind::Ref(obj.clone()))),
            Some(Target::Named(_)) => Ok(kind(Kind::Ref(name))),
            Some(Target::Unread) => Ok(Schema::default()),
            Some(Target::Remote(url)) => {
                Err(format!("`{name}` links to `{url}`, which is not read: only files inside the spec root are followed"))
            }
            None => {
                self.out.bare_refs.push(name.clone());
                Ok(kind(Kind::Ref(name)))
            }
        }
    }

    /// A generic of the dialect: `Optional[T]`, `List<T>`, `Dict[K, V]`, `Record<K, V>`.
    fn generic(&mut self, c: &mut Cur, name: &str, link: Option<&Target>) -> Result<Schema, String> {
        let open = c.ch(0).unwrap_or('[');
        let Some((close, meaning)) = self.dialect.generic(name, open) else {
            return Err(format!("unknown generic type `{name}{open}…{}`", if open == '[' { ']' } else { '>' }));
        };
        c.pos += 1;
        let wraps = meaning != Generic::Nullable;
        self.containers += usize::from(wraps);
        let args = self.arguments(c, name, close, link);
        self.containers -= usize::from(wraps);
        let mut args = args?;
        let arity = |n: usize| -> Result<(), String> {
            if args.len() == n {
                Ok(())
            } else {
                Err(format!("`{name}` takes {n} type{}, found {}", if n == 1 { "" } else { "s" }, args.len()))
            }
        };
        match meaning {
            Generic::Nullable => {
                arity(1)?;
                let mut s = args.remove(0);
                s.nullable = true;
                Ok(s)
            }
            Generic::List | Generic::Set => {
                arity(1)?;
                let mut s = kind(Kind::Array(Box::new(args.remove(0))));
                s.limits.unique_items = meaning == Generic::Set;
                Ok(s)
            }
            Generic::Map => {
                arity(2)?;
                let value = args.remove(1);
                if !matches!(args[0].kind, Kind::String { .. }) {
                    return Err(format!("`{name}` keys must be strings"));
                }
                Ok(kind(Kind::Map(Box::new(value))))
            }
        }
    }

    /// The comma-separated arguments of a generic, through its closing bracket.
    fn arguments(&mut self, c: &mut Cur, name: &str, close: char, link: Option<&Target>) -> Result<Vec<Schema>, String> {
        let mut args = vec![self.ty(c, link)?];
        c.skip_ws();
        while c.eat(",") {
            args.push(self.ty(c, link)?);
            c.skip_ws();
        }
        if !c.eat(&close.to_string()) {
            return Err(match c.rest() {
                r if r.is_empty() => format!("`{name}` is missing its closing `{close}`"),
                r => format!("expected `{close}` to close `{name}`, found `{r}`"),
            });
        }
        Ok(args)
    }

    /// `enum: a, b, c` to the end of the cell; a trailing `...` marks a cut-short list.
    fn enumeration(&mut self, c: &mut Cur) -> Result<Schema, String> {
        let text = c.rest();
        c.pos = c.toks.len();
        if text.is_empty() {
            return Err("`enum:` lists no values".into());
        }
        let mut values: Vec<Value> = Vec::new();
        let mut truncated = false;
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        for (i, part) in parts.iter().enumerate() {
            let mut v = *part;
            if i + 1 == parts.len() {
                if let Some(cut) = v.strip_suffix("...").or_else(|| v.strip_suffix('…')) {
                    truncated = true;
                    v = cut.trim_end();
                    if v.is_empty() {
                        continue;
                    }
                }
            }
            if v.is_empty() {
                return Err(format!("enum value {} is empty", i + 1));
            }
            let v = Value::String(v.to_string());
            if values.contains(&v) {
                self.out.warnings.push(format!("enum value {v} is listed twice"));
            } else {
                values.push(v);
            }
        }
        if values.is_empty() {
            return Err("`enum:` lists no values".into());
        }
        if truncated {
            let shown: Vec<String> = values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            self.out.warnings.push(format!(
                "enum list `{}...` is cut short in the docs: values beyond these are kept by the catch-all variant",
                shown.join(", ")
            ));
        }
        Ok(kind(Kind::Enum(Enum { base: EnumBase::String, values, truncated, meanings: Default::default() })))
    }
}

fn kind(k: Kind) -> Schema {
    Schema { kind: k, ..Schema::default() }
}

/// The schema of a built-in type.
fn builtin(b: Builtin) -> Schema {
    let format = |f: &str| Some(f.to_string());
    kind(match b {
        Builtin::String => Kind::String { format: None },
        Builtin::Formatted(f) => Kind::String { format: format(f) },
        Builtin::Integer => Kind::Integer { format: None },
        Builtin::IntegerFormatted(f) => Kind::Integer { format: format(f) },
        Builtin::Number => Kind::Number { format: None },
        Builtin::NumberFormatted(f) => Kind::Number { format: format(f) },
        Builtin::Boolean => Kind::Boolean,
        Builtin::FreeForm => Kind::Map(Box::default()),
        Builtin::Any => Kind::Any,
    })
}

/// `(expandable)` on a linked object, or a format on a primitive.
fn suffix(s: Schema, word: &str, expandable: Option<&str>) -> Result<Schema, String> {
    if Some(word) == expandable {
        return match &s.kind {
            Kind::Ref(_) | Kind::Any => Ok(kind(Kind::Expandable(Box::new(s)))),
            _ => Err("`(expandable)` applies to a linked object only".into()),
        };
    }
    const STRING: &[&str] =
        &["date", "date-time", "currency", "decimal", "email", "uri", "url", "uuid", "binary", "byte", "password", "time", "ipv4", "ipv6", "hostname"];
    const INTEGER: &[&str] = &["unix-time", "int32", "int64"];
    const NUMBER: &[&str] = &["float", "double", "decimal"];
    let known = match &s.kind {
        Kind::String { format: None } => STRING,
        Kind::Integer { format: None } => INTEGER,
        Kind::Number { format: None } => NUMBER,
        _ => return Err(format!("format `({word})` applies to string, integer or number only")),
    };
    if !known.contains(&word) {
        return Err(format!("unknown format `({word})`: expected one of {}", known.join(", ")));
    }
    let format = Some(word.to_string());
    let k = match s.kind {
        Kind::String { .. } => Kind::String { format },
        Kind::Integer { .. } => Kind::Integer { format },
        _ => Kind::Number { format },
    };
    Ok(Schema { kind: k, ..s })
}

#[cfg(test)]
mod tests;
