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
    Relative { to: "self" }.visit_file_mut(&mut file);
    Ok(format!("{header}\n{}", prettyplease::unparse(&file)))
}

/// Fills `m` (`mod x;`) with the items of `src/x.rs`, its inner attributes made outer.
fn inline(m: &mut syn::ItemMod, files: &[OutputFile]) -> Result<(), String> {
    let path = format!("src/{}.rs", m.ident);
    let mut file = parse(files, &path)?;
    Relative { to: "super" }.visit_file_mut(&mut file);
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

/// Rewrites `crate::` in paths, `use` trees and intra-doc links to `to::` (`self` at the
/// top of the file, `super` inside an inlined module).
struct Relative {
    to: &'static str,
}

impl VisitMut for Relative {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if let Some(first) = path.segments.first_mut().filter(|s| s.ident == "crate") {
            first.ident = syn::Ident::new(self.to, first.ident.span());
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_use_path_mut(&mut self, u: &mut syn::UsePath) {
        if u.ident == "crate" {
            u.ident = syn::Ident::new(self.to, u.ident.span());
        }
        visit_mut::visit_use_path_mut(self, u);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::NameValue(nv) = &mut attr.meta {
            if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) = &mut nv.value {
                let value = lit.value();
                if nv.path.is_ident("doc") && value.contains("(crate::") {
                    *lit = syn::LitStr::new(&value.replace("(crate::", &format!("({}::", self.to)), lit.span());
                }
            }
        }
        visit_mut::visit_attribute_mut(self, attr);
    }
}
