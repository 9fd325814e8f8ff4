//! Syntax trees built directly for the bulk of a crate (type declarations, their fields,
//! variants and attributes), so that only code with expressions goes through tokens and
//! `syn`'s parser. prettyplease prints both the same way.

use proc_macro2::{Ident, TokenStream};
use std::cell::RefCell;
use std::collections::HashMap;
use syn::punctuated::Punctuated;
use syn::{AttrStyle, Attribute, Expr, Item, Lit, Meta, Path, PathSegment, Type};

/// A path such as `serde::Serialize`; `args` go on the last segment (`Option<T>`).
pub fn path(segments: &str, args: Vec<Type>) -> Path {
    let mut path = Path { leading_colon: None, segments: Punctuated::new() };
    // Most paths are one identifier: no split at all. Else by `:` rather than `::`: a `str`
    // pattern's searcher is set up anew on every call.
    if memchr::memchr(b':', segments.as_bytes()).is_none() {
        if !segments.is_empty() {
            path.segments.push(PathSegment::from(super::ty::ident(segments)));
        }
    } else {
        for seg in segments.split(':').filter(|s| !s.is_empty()) {
            path.segments.push(PathSegment::from(super::ty::ident(seg)));
        }
    }
    if !args.is_empty() {
        if let Some(last) = path.segments.last_mut() {
            last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: None,
                lt_token: Default::default(),
                args: args.into_iter().map(syn::GenericArgument::Type).collect(),
                gt_token: Default::default(),
            });
        }
    }
    path
}

pub fn path_type(segments: &str, args: Vec<Type>) -> Type {
    Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path: path(segments, args) })
}

fn attr(meta: Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style: AttrStyle::Outer, bracket_token: Default::default(), meta }
}

/// `#[name]`.
pub fn word_attr(name: &str) -> Attribute {
    attr(Meta::Path(path(name, Vec::new())))
}

/// `#[name(tokens)]`.
pub fn list_attr(name: &str, tokens: TokenStream) -> Attribute {
    attr(Meta::List(syn::MetaList { path: path(name, Vec::new()), delimiter: syn::MacroDelimiter::Paren(Default::default()), tokens }))
}

/// `#[doc = r"…"]` for lines already sanitized (see `docs`). Each run of lines that
/// prettyplease prints as `///` lines is one attribute holding the whole run, which
/// [`crate::render`] turns back into those lines after printing: a struct's fields and
/// their docs then cost syn and prettyplease one token each instead of one per line.
pub fn doc_attrs(clean: &[String]) -> Vec<Attribute> {
    let mut attrs = Vec::new();
    let mut rest = clean;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|l| crate::render::fits_doc_block(l)).count();
        let (lit, used) = match run {
            0 => (super::docs::literal(first), 1),
            n => (super::docs::block_literal(&crate::render::doc_block(&rest[..n])), n),
        };
        let value = Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: Lit::new(lit) });
        attrs.push(attr(Meta::NameValue(syn::MetaNameValue { path: path("doc", Vec::new()), eq_token: Default::default(), value })));
        rest = &rest[used..];
    }
    attrs
}

/// A named field `pub name: ty` with its attributes.
pub fn field(attrs: Vec<Attribute>, name: &str, ty: Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(super::ty::ident(name)),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `pub struct Name { fields }`.
pub fn struct_item(attrs: Vec<Attribute>, name: &str, fields: Vec<syn::Field>) -> Item {
    Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: super::ty::ident(name),
        generics: Default::default(),
        fields: syn::Fields::Named(syn::FieldsNamed { brace_token: Default::default(), named: fields.into_iter().collect() }),
        semi_token: None,
    })
}

/// A variant `Name` or `Name(ty)` with its attributes.
pub fn variant(attrs: Vec<Attribute>, name: &str, ty: Option<Type>) -> syn::Variant {
    let fields = match ty {
        None => syn::Fields::Unit,
        Some(ty) => syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: std::iter::once(syn::Field {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                modifiers: Default::default(),
                ident: None,
                colon_token: None,
                ty,
                default: None,
            })
            .collect(),
        }),
    };
    syn::Variant { attrs, ident: super::ty::ident(name), fields, discriminant: None }
}

/// `pub enum Name { variants }`.
pub fn enum_item(attrs: Vec<Attribute>, name: &str, variants: Vec<syn::Variant>) -> Item {
    Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: super::ty::ident(name),
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `pub type Name = ty;`.
pub fn type_item(attrs: Vec<Attribute>, name: &str, ty: Type) -> Item {
    Item::Type(syn::ItemType {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: super::ty::ident(name),
        generics: Default::default(),
        eq_token: Default::default(),
        ty: Box::new(ty),
        semi_token: Default::default(),
        // As syn parses an alias without a `where` clause.
        where_clause_placement: syn::WhereClausePlacement::Early,
    })
}

/// `path!(tokens);` as an item.
pub fn macro_item(attrs: Vec<Attribute>, name: &str, tokens: TokenStream) -> Item {
    Item::Macro(syn::ItemMacro {
        attrs,
        ident: None,
        mac: syn::Macro { path: path(name, Vec::new()), bang_token: Default::default(), delimiter: syn::MacroDelimiter::Paren(Default::default()), tokens },
        semi_token: Some(Default::default()),
    })
}

/// Items written as tokens (impl blocks with expressions), parsed.
pub fn parse(tokens: TokenStream) -> Result<Vec<Item>, String> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    crate::render::parse_file(tokens).map(|f| f.items)
}

/// Fills the holes of parsed `items` with syntax built directly: each `match` in turn gets
/// the arms of `arms` before its own, each empty array (`[]`) the elements of `elements`.
/// The skeleton is the same size for every type, so the part that grows with an enum's
/// values (its arms, its list of values) is never parsed. Holes and fillings that do not
/// pair up are a kycgen bug, reported.
pub fn fill(mut items: Vec<Item>, arms: Vec<Vec<syn::Arm>>, elements: Vec<Vec<Expr>>) -> Result<Vec<Item>, String> {
    use syn::visit_mut::VisitMut;
    let mut fill = Fill { arms: arms.into_iter(), elements: elements.into_iter(), unfilled: 0 };
    items.iter_mut().for_each(|item| fill.visit_item_mut(item));
    if fill.unfilled > 0 || fill.arms.len() > 0 || fill.elements.len() > 0 {
        return Err("internal error: the holes of a parsed skeleton and their fillings do not pair up".into());
    }
    Ok(items)
}

thread_local! {
    /// The templates parsed on this thread, by key (syntax trees are not `Send`).
    static TEMPLATES: RefCell<HashMap<&'static str, Vec<Item>>> = RefCell::new(HashMap::new());
}

/// Items that are the same for every type but for names and `cfg`: the items of `tokens()`,
/// written with placeholder identifiers, parsed once per thread and cloned for each use
/// (a clone costs a fraction of a parse), with each placeholder of `names` replaced by its
/// identifier and `attrs` put on the first item, an `impl`. `key` names the template: one
/// key, one `tokens`. A placeholder that never occurs or a first item that is not an
/// `impl` is a kycgen bug, reported.
pub fn template(key: &'static str, tokens: impl FnOnce() -> TokenStream, names: &[(&str, &Ident)], attrs: Vec<Attribute>) -> Result<Vec<Item>, String> {
    use syn::visit_mut::VisitMut;
    let mut items = TEMPLATES.with(|cache| match cache.borrow_mut().entry(key) {
        std::collections::hash_map::Entry::Occupied(e) => Ok(e.get().clone()),
        std::collections::hash_map::Entry::Vacant(e) => parse(tokens()).map(|items| e.insert(items).clone()),
    })?;
    let mut rename = Rename { names, found: vec![false; names.len()] };
    items.iter_mut().for_each(|item| rename.visit_item_mut(item));
    if rename.found.contains(&false) {
        return Err(format!("internal error: a placeholder of the template `{key}` does not occur in it"));
    }
    match items.first_mut() {
        Some(Item::Impl(i)) => drop(i.attrs.splice(0..0, attrs)),
        _ => return Err(format!("internal error: the template `{key}` does not start with an impl block")),
    };
    Ok(items)
}

/// The items of the one `impl` block of `items` (methods written as tokens inside
/// `impl X { … }`, to go into another block); anything else is a kycgen bug, reported.
pub fn impl_items(mut items: Vec<Item>) -> Result<Vec<syn::ImplItem>, String> {
    match (items.pop(), items.is_empty()) {
        (Some(Item::Impl(i)), true) => Ok(i.items),
        _ => Err("internal error: methods did not parse as one impl block".into()),
    }
}

/// Replaces placeholder identifiers, noting which occurred.
struct Rename<'a> {
    names: &'a [(&'a str, &'a Ident)],
    found: Vec<bool>,
}

impl syn::visit_mut::VisitMut for Rename<'_> {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some(i) = self.names.iter().position(|(placeholder, _)| ident == placeholder) {
            *ident = self.names[i].1.clone();
            self.found[i] = true;
        }
    }
}

struct Fill {
    arms: std::vec::IntoIter<Vec<syn::Arm>>,
    elements: std::vec::IntoIter<Vec<Expr>>,
    unfilled: usize,
}

impl syn::visit_mut::VisitMut for Fill {
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        syn::visit_mut::visit_expr_match_mut(self, m);
        match self.arms.next() {
            Some(arms) => drop(m.arms.splice(0..0, arms)),
            None => self.unfilled += 1,
        }
    }

    fn visit_expr_array_mut(&mut self, a: &mut syn::ExprArray) {
        if a.elems.is_empty() {
            match self.elements.next() {
                Some(elements) => a.elems = elements.into_iter().collect(),
                None => self.unfilled += 1,
            }
        }
    }
}

/// `pat => body,` in a `match`.
pub fn arm(pat: syn::Pat, body: Expr) -> syn::Arm {
    syn::Arm { attrs: Vec::new(), pat, fat_arrow_token: Default::default(), body: Box::new(body), comma: Some(Default::default()) }
}

/// `Type::Variant` (`Self::Variant`) as a path.
pub fn variant_path(ty: &proc_macro2::Ident, variant: &str) -> Path {
    let mut path = Path::from(ty.clone());
    path.segments.push(PathSegment::from(super::ty::ident(variant)));
    path
}

/// A path as an expression (`Self::Active`).
pub fn path_expr(path: Path) -> Expr {
    Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

/// A path as a pattern (`Self::Active =>`).
pub fn path_pat(path: Path) -> syn::Pat {
    syn::Pat::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

/// A string literal as an expression (`"active"`).
pub fn str_expr(value: &str) -> Expr {
    Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: Lit::Str(syn::LitStr::new(value, proc_macro2::Span::call_site())) })
}

/// A string literal as a pattern (`"active" =>`).
pub fn str_pat(value: &str) -> syn::Pat {
    syn::Pat::Lit(syn::ExprLit { attrs: Vec::new(), lit: Lit::Str(syn::LitStr::new(value, proc_macro2::Span::call_site())) })
}


#[cfg(test)]
mod tests {
    use super::*;

    /// A struct in a module with `attrs` on the struct, a field and a variant of an enum
    /// beside it: docs at three indentations.
    fn items(attrs: &dyn Fn() -> Vec<Attribute>) -> Vec<Item> {
        let structure = || {
            let mut s: syn::ItemStruct = syn::parse_quote!(pub struct S { pub field: u8 });
            s.attrs = attrs();
            if let syn::Fields::Named(f) = &mut s.fields {
                f.named[0].attrs = attrs();
            }
            Item::Struct(s)
        };
        let mut e: syn::ItemEnum = syn::parse_quote!(pub enum E { A, B });
        e.attrs = attrs();
        e.variants[1].attrs = attrs();
        let inner = [structure(), Item::Enum(e)];
        let module: syn::ItemMod = syn::parse_quote!(pub mod m { #(#inner)* });
        vec![structure(), Item::Mod(module)]
    }

    /// One `#[doc]` per line, as before doc blocks.
    fn per_line(lines: &[String]) -> Vec<Attribute> {
        lines
            .iter()
            .map(|l| {
                let lit = super::super::docs::literal(l);
                syn::parse_quote!(#[doc = #lit])
            })
            .collect()
    }

    #[test]
    fn doc_blocks_print_as_one_attribute_per_line() {
        let cases: &[&[&str]] = &[
            &[" One line."],
            &[" First.", "", " Third   ", "   ", " Last."],
            &[" a", "/ a leading slash prints as an attribute", " b", " c"],
            &[" with\na line feed", " after it"],
            &["\r carriage return", " next"],
            &[" the marks \u{1} and \u{2} inside", " x"],
            &["\u{1}a line starting with the mark", "\u{2}"],
            &[" \"quotes\"# and r#\"raw\"##", "\t tab"],
            &[""],
        ];
        for lines in cases {
            let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let blocks = crate::render::items(items(&|| doc_attrs(&lines)));
            let reference = prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: items(&|| per_line(&lines)) });
            assert_eq!(blocks, reference, "{lines:?}");
            assert!(!blocks.contains('\u{1}'), "{blocks}");
        }
    }

    #[test]
    fn filled_skeletons_print_as_the_whole_parsed_code() {
        let this = proc_macro2::Ident::new("Self", proc_macro2::Span::call_site());
        let arms = || vec![arm(path_pat(variant_path(&this, "A")), str_expr("a \"quoted\""))];
        let skeleton = || quote::quote! { impl E { fn f(&self) -> &str { match self { _ => "" } } const ALL: &[E] = &[]; } };
        let filled = fill(parse(skeleton()).unwrap(), vec![arms()], vec![vec![path_expr(Path::from(this.clone()))]]).unwrap();
        let whole = parse(quote::quote! { impl E { fn f(&self) -> &str { match self { Self::A => "a \"quoted\"", _ => "" } } const ALL: &[E] = &[Self]; } }).unwrap();
        assert_eq!(crate::render::items(filled), crate::render::items(whole));
        assert!(fill(parse(skeleton()).unwrap(), Vec::new(), Vec::new()).is_err(), "a hole left");
        assert!(fill(parse(skeleton()).unwrap(), vec![arms(), arms()], vec![Vec::new()]).is_err(), "a filling left");
    }

    #[test]
    fn templates_print_as_the_code_written_out_and_each_use_is_a_fresh_copy() {
        let skeleton = || quote::quote! { impl __Name { fn f(&self) -> __Name { Self::__Catch } } };
        let (a, b) = (super::super::ty::ident("Alpha"), super::super::ty::ident("Beta"));
        let cfg = || vec![list_attr("cfg", quote::quote!(feature = "x"))];
        let first = template("test_fresh", skeleton, &[("__Name", &a), ("__Catch", &b)], cfg()).unwrap();
        let second = template("test_fresh", || unreachable!("parsed once per thread"), &[("__Name", &b), ("__Catch", &a)], Vec::new()).unwrap();
        let written = |tokens| crate::render::items(parse(tokens).unwrap());
        assert_eq!(crate::render::items(first), written(quote::quote! { #[cfg(feature = "x")] impl Alpha { fn f(&self) -> Alpha { Self::Beta } } }));
        assert_eq!(crate::render::items(second), written(quote::quote! { impl Beta { fn f(&self) -> Beta { Self::Alpha } } }));
        let missing = template("test_missing", || quote::quote! { impl X {} }, &[("__Name", &a)], Vec::new());
        assert!(matches!(missing, Err(e) if e.contains("placeholder")), "a placeholder that does not occur");
        assert!(template("test_not_impl", || quote::quote! { struct S; }, &[], Vec::new()).is_err(), "not an impl block");
    }
}
