//! A generated crate's files as one `.rs` file for `include!`: each `mod x;` of `lib.rs`
//! becomes `pub mod x { … }` with its file's items, inner attributes (`//!` docs,
//! `#![…]`) become outer attributes of the module, the crate's own inner attributes are
//! left to the including crate, and `crate::` paths are made relative, so the file works
//! wherever it is included.

use crate::render::{self, OutputFile};
use syn::visit_mut::{self, VisitMut};

/// The module file: `header` (comment lines), then the crate's items with its modules inline.
pub fn one_file(files: &[OutputFile], header: &str) -> Result<String, String> {
    let lib = parse(files, "src/lib.rs")?;
    let mut items = Vec::with_capacity(lib.items.len());
    for mut item in lib.items {
        if let syn::Item::Mod(m) = &mut item {
            if m.content.is_none() {
                inline(m, files)?;
            }
        }
        items.push(item);
    }
    let mut file = syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items };
    Relative { up: 0 }.visit_file_mut(&mut file);
    Ok(format!("{header}\n{}", prettyplease::unparse(&file)))
}

/// Fills `m` (`mod x;`) with the items of `src/x.rs`, its inner attributes made outer.
fn inline(m: &mut syn::ItemMod, files: &[OutputFile]) -> Result<(), String> {
    let path = format!("src/{}.rs", m.ident);
    let mut file = parse(files, &path)?;
    Relative { up: 1 }.visit_file_mut(&mut file);
    for mut attr in file.attrs {
        attr.style = syn::AttrStyle::Outer;
        m.attrs.push(attr);
    }
    m.content = Some((Default::default(), file.items));
    m.semi = None;
    Ok(())
}

fn parse(files: &[OutputFile], path: &str) -> Result<syn::File, String> {
    let file = files.iter().find(|f| f.path == path).ok_or_else(|| format!("internal error: the crate has no {path}"))?;
    let tokens: proc_macro2::TokenStream = file.contents.parse().map_err(|e| format!("internal error: {path} does not lex: {e}"))?;
    render::parse_file(tokens)
}

/// Rewrites `crate::` in paths, `use` trees and intra-doc links to a path relative to the
/// item: `self` at the top of the file, one `super` per module level below it (an inlined
/// module's items start one level down).
struct Relative {
    up: usize,
}

impl Relative {
    /// `self`, or `super` repeated `up` times.
    fn segments(&self) -> Vec<&'static str> {
        if self.up == 0 {
            vec!["self"]
        } else {
            vec!["super"; self.up]
        }
    }
}

impl VisitMut for Relative {
    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        self.up += 1;
        visit_mut::visit_item_mod_mut(self, m);
        self.up -= 1;
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if let Some(span) = path.segments.first().filter(|s| s.ident == "crate").map(|s| s.ident.span()) {
            let old = std::mem::take(&mut path.segments);
            self.segments().into_iter().for_each(|s| path.segments.push(syn::Ident::new(s, span).into()));
            old.into_iter().skip(1).for_each(|s| path.segments.push(s));
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_use_path_mut(&mut self, u: &mut syn::UsePath) {
        if u.ident == "crate" {
            let span = u.ident.span();
            let mut names = self.segments();
            u.ident = syn::Ident::new(names.remove(0), span);
            for name in names.into_iter().rev() {
                let inner = std::mem::replace(&mut *u.tree, syn::UseTree::Glob(syn::UseGlob { star_token: Default::default() }));
                *u.tree = syn::UseTree::Path(syn::UsePath { ident: syn::Ident::new(name, span), colon2_token: Default::default(), tree: Box::new(inner) });
            }
        }
        visit_mut::visit_use_path_mut(self, u);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::NameValue(nv) = &mut attr.meta {
            if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) = &mut nv.value {
                let value = lit.value();
                if nv.path.is_ident("doc") && value.contains("(crate::") {
                    let to = format!("({}::", self.segments().join("::"));
                    *lit = syn::LitStr::new(&value.replace("(crate::", &to), lit.span());
                }
            }
        }
        visit_mut::visit_attribute_mut(self, attr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn modules_inline_with_outer_attributes_and_relative_paths() {
        let files = [
            file("src/lib.rs", "//! The crate.\n#![forbid(unsafe_code)]\npub mod a;\npub struct X;\npub type T = crate::X;\n"),
            file("src/a.rs", "//! Module a.\n#![allow(dead_code)]\nuse crate::*;\npub mod b { pub type Y = crate::X; }\n/// See [`X`](crate::X).\npub struct Z(pub crate::X);\n"),
        ];
        let out = one_file(&files, "// header").unwrap();
        assert!(out.starts_with("// header\n"), "{out}");
        assert!(!out.contains("#![") && !out.contains("//!") && !out.contains("crate::"), "{out}");
        assert!(out.contains("/// Module a.\n#[allow(dead_code)]\npub mod a {"), "{out}");
        assert!(out.contains("pub type T = self::X;"), "{out}");
        assert!(out.contains("use super::*;") && out.contains("pub struct Z(pub super::X);"), "{out}");
        assert!(out.contains("pub type Y = super::super::X;"), "a nested module climbs one more level: {out}");
        assert!(out.contains("[`X`](super::X)"), "{out}");
    }
}
