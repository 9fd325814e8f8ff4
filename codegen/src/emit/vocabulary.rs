//! The `vocabulary` module of a crate whose vendor config has a `vocabulary:` section:
//! `impl From<&VendorEnum> for kyc_common::X` for every mapped enum (an exhaustive match:
//! unmapped and unknown values become `Other(value)`), and `summary()` on top-level objects.

use super::{docs, ty, Cfg};
use crate::model::Model;
use crate::render::{self, OutputFile};
use crate::vocabulary::{Access, Common, EnumMap, FieldPath, Plan, Summary};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `src/vocabulary.rs`, when the model has a vocabulary.
pub fn file(model: &Model, header: &str) -> Result<Option<OutputFile>, String> {
    let Some(plan) = &model.vocabulary else { return Ok(None) };
    let module_doc = " This crate's values in the common vocabulary of [`kyc_common`], generated from the `vocabulary:` section of the vendor config: `From<&VendorEnum>` conversions of its enums and `summary()` of its top-level objects.";
    let enums = plan.enums.iter().map(from_impl);
    let summaries = plan.summaries.iter().map(|s| summary_impl(plan, s));
    let tokens = quote! {
        #![doc = #module_doc]
        #(#enums)*
        #(#summaries)*
    };
    Ok(Some(OutputFile { path: "src/vocabulary.rs".into(), contents: render::rust(header, tokens)? }))
}

/// `impl From<&crate::E> for kyc_common::C`.
fn from_impl(e: &EnumMap) -> TokenStream {
    let vendor = ty::ident(&e.name);
    let common = format_ident!("{}", e.common.name());
    let catch_all = ty::ident(&e.catch_all);
    let arms = e.values.iter().map(|v| {
        let variant = ty::ident(&v.variant);
        let wire = &v.wire;
        let value = match (&v.target, e.common) {
            (None, Common::IdNumberType) => quote!(Self::other(#wire)),
            (None, _) => quote!(Self::Other(#wire.to_owned())),
            (Some(t), Common::IdNumberType) => {
                let scheme = format_ident!("{}", t.variant);
                let country = match &t.country {
                    Some(c) => quote!(Some(#c.to_owned())),
                    None => quote!(None),
                };
                quote!(Self { scheme: kyc_common::IdScheme::#scheme, country: #country })
            }
            (Some(t), _) => {
                let target = format_ident!("{}", t.variant);
                quote!(Self::#target)
            }
        };
        quote!(crate::#vendor::#variant => #value,)
    });
    let unknown = match e.common {
        Common::IdNumberType => quote!(Self::other(raw.clone())),
        _ => quote!(Self::Other(raw.clone())),
    };
    let doc = docs::attrs(&[format!(
        "`{}` as `kyc_common::{}`: the mapping of the vendor config; a value it lists as unmapped, or one the spec does not list, becomes `Other` with the value as received.",
        e.name,
        e.common.name()
    )]);
    let cfg = Cfg::new(&e.features).tokens();
    quote! {
        #doc
        #cfg
        impl From<&crate::#vendor> for kyc_common::#common {
            fn from(v: &crate::#vendor) -> Self {
                match v {
                    #(#arms)*
                    crate::#vendor::#catch_all(raw) => #unknown,
                }
            }
        }
    }
}

/// `impl T { pub fn summary(&self) -> kyc_common::VerificationSummary }`.
fn summary_impl(plan: &Plan, s: &Summary) -> TokenStream {
    let name = ty::ident(&s.ty);
    let vendor = &plan.vendor;
    let checks = s.checks.iter().map(|(kind, path)| {
        let kind = format_ident!("{kind}");
        let get = path_expr(path);
        quote!(#get.map(|v| kyc_common::Check { kind: kyc_common::CheckKind::#kind, outcome: v.into() }),)
    });
    let status = match &s.status {
        Some(p) => {
            let get = path_expr(p);
            quote!(#get.map(kyc_common::VerificationStatus::from).unwrap_or_else(|| kyc_common::VerificationStatus::from_checks(&checks)))
        }
        None => quote!(kyc_common::VerificationStatus::from_checks(&checks)),
    };
    let document_type = match &s.document_type {
        Some(p) => {
            let get = path_expr(p);
            quote!(#get.map(kyc_common::DocumentType::from))
        }
        None => quote!(None),
    };
    let id = path_expr(&s.id);
    let mut doc = vec![
        "This object in the common vocabulary of `kyc_common` (no identity data): the same real-world outcome gives the same summary whichever vendor ran the verification.".to_string(),
        String::new(),
        format!("- id: `{}`", s.id.text),
    ];
    doc.push(match &s.status {
        Some(p) => format!("- status: `{}` (when absent, from the checks)", p.text),
        None => "- status: from the checks (`VerificationStatus::from_checks`)".into(),
    });
    if let Some(p) = &s.document_type {
        doc.push(format!("- document type: `{}`", p.text));
    }
    for (kind, p) in &s.checks {
        doc.push(format!("- check `{kind}`: `{}` (left out when absent)", p.text));
    }
    let doc = docs::attrs(&doc);
    let cfg = Cfg::new(&s.features).tokens();
    quote! {
        #cfg
        impl crate::#name {
            #doc
            pub fn summary(&self) -> kyc_common::VerificationSummary {
                let checks: Vec<kyc_common::Check> = [#(#checks)*].into_iter().flatten().collect();
                kyc_common::VerificationSummary {
                    vendor: #vendor.to_owned(),
                    vendor_id: #id.cloned().unwrap_or_default(),
                    status: #status,
                    document_type: #document_type,
                    checks,
                }
            }
        }
    }
}

/// An `Option<&T>` expression for a path from `self`.
fn path_expr(p: &FieldPath) -> TokenStream {
    let mut out = quote!(Some(self));
    for step in &p.steps {
        let field = ty::ident(&step.field);
        for (i, a) in step.access.iter().enumerate() {
            let next = match (i, a) {
                (0, Access::Required) => quote!(.map(|x| &x.#field)),
                (0, Access::Optional) => quote!(.and_then(|x| x.#field.as_ref())),
                (0, Access::Nullable) => quote!(.and_then(|x| x.#field.as_option())),
                (_, Access::Boxed) => quote!(.map(|x| &**x)),
                (_, Access::InnerOption) => quote!(.and_then(|x| x.as_ref())),
                (_, Access::Expanded) => quote!(.and_then(|x| x.as_object())),
                (_, Access::Last) => quote!(.and_then(|x| x.last())),
                (_, Access::First) => quote!(.and_then(|x| x.first())),
                // A presence only comes first; nothing else does.
                (_, Access::Required | Access::Optional | Access::Nullable) => quote!(),
            };
            out.extend(next);
        }
    }
    out
}
