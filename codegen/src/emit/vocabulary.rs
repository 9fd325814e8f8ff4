//! The `vocabulary` module of a crate whose vendor config has a `vocabulary:` section:
//! `impl From<&VendorEnum> for kyc_common::X` for every mapped enum (an exhaustive match:
//! unmapped and unknown values become `Other(value)`), and `summary()` on top-level objects.

use super::{docs, ty, Cfg};
use crate::model::Model;
use crate::render::{self, OutputFile};
use crate::vocabulary::{Access, Common, EnumMap, FieldPath, Plan, Reports, Summary};
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
        (quote!(crate::#vendor::#variant), value)
    });
    // Values that map alike share one arm (`A | B => Self::Passed`), in the config's order.
    let mut grouped: Vec<(Vec<TokenStream>, TokenStream)> = Vec::new();
    for (pattern, value) in arms {
        match grouped.iter_mut().find(|(_, v)| v.to_string() == value.to_string()) {
            Some((patterns, _)) => patterns.push(pattern),
            None => grouped.push((vec![pattern], value)),
        }
    }
    let arms = grouped.iter().map(|(patterns, value)| quote!(#(#patterns)|* => #value,));
    let unknown = match e.common {
        Common::IdNumberType => quote!(Self::other(raw.as_str())),
        _ => quote!(Self::Other(raw.as_str().to_owned())),
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
            #[inline]
            fn from(v: &crate::#vendor) -> Self {
                match v {
                    #(#arms)*
                    crate::#vendor::#catch_all(raw) => #unknown,
                }
            }
        }
    }
}

/// `impl T { pub fn summary(&self) -> kyc_common::VerificationSummary }`, and with reports
/// `summary_with_reports(&self, &[Union])`, which `summary()` calls with none.
fn summary_impl(plan: &Plan, s: &Summary) -> TokenStream {
    let name = ty::ident(&s.ty);
    let (own, body) = (own_checks(s), summary_body(plan, s));
    let doc = docs::attrs(&summary_doc(s));
    let cfg = Cfg::new(&s.features).tokens();
    let Some(reports) = &s.reports else {
        return quote! {
            #cfg
            impl crate::#name {
                #doc
                #[inline]
                pub fn summary(&self) -> kyc_common::VerificationSummary {
                    let checks: Vec<kyc_common::Check> = #own;
                    #body
                }
            }
        };
    };
    let union = ty::ident(&reports.union);
    let arms = report_arms(reports);
    let with_doc = docs::attrs(&[format!(
        "`summary()` with the checks of this object's reports (`{}` values fetched apart) added; a report whose kind the vendor config leaves unmapped, or does not know, adds none.",
        reports.union
    )]);
    quote! {
        #cfg
        impl crate::#name {
            #doc
            #[inline]
            pub fn summary(&self) -> kyc_common::VerificationSummary {
                self.summary_with_reports(&[])
            }

            #with_doc
            #[inline]
            pub fn summary_with_reports(&self, reports: &[crate::#union]) -> kyc_common::VerificationSummary {
                let mut checks: Vec<kyc_common::Check> = #own;
                checks.extend(reports.iter().filter_map(|report| match report {
                    #arms
                }));
                #body
            }
        }
    }
}

/// The object's own checks as a `Vec<kyc_common::Check>` expression (a literal array needs
/// at least one to infer its type).
fn own_checks(s: &Summary) -> TokenStream {
    let this = quote!(self);
    let checks: Vec<TokenStream> = s.checks.iter().map(|(kind, paths)| check(kind, &first_of(paths, &this, "CheckOutcome"))).collect();
    if checks.is_empty() {
        quote!(Vec::new())
    } else {
        quote!([#(#checks),*].into_iter().flatten().collect())
    }
}

/// The `kyc_common::VerificationSummary { .. }` expression, with `checks` in scope.
fn summary_body(plan: &Plan, s: &Summary) -> TokenStream {
    let vendor = &plan.vendor;
    let this = quote!(self);
    let status = match s.status.as_slice() {
        [] => quote!(kyc_common::VerificationStatus::from_checks(&checks)),
        paths => {
            let get = first_of(paths, &this, "VerificationStatus");
            quote!(#get.unwrap_or_else(|| kyc_common::VerificationStatus::from_checks(&checks)))
        }
    };
    let document_type = first_of(&s.document_type, &this, "DocumentType");
    let id = path_expr(&s.id, &this);
    quote! {
        kyc_common::VerificationSummary {
            vendor: #vendor.to_owned(),
            vendor_id: #id.cloned().unwrap_or_default(),
            status: #status,
            document_type: #document_type,
            checks,
        }
    }
}

/// The arms of the match over a report: a mapped kind's variant gives its check; unmapped
/// kinds and the catch-all add no check (one arm, still naming each variant).
fn report_arms(reports: &Reports) -> TokenStream {
    let union = ty::ident(&reports.union);
    let x = quote!(x);
    let arms = reports.variants.iter().filter_map(|(variant, kind, paths)| {
        let v = ty::ident(variant);
        let c = check(kind.as_ref()?, &first_of(paths, &x, "CheckOutcome"));
        Some(quote!(crate::#union::#v(x) => #c,))
    });
    let none: Vec<TokenStream> = reports
        .variants
        .iter()
        .filter(|(_, kind, _)| kind.is_none())
        .map(|(variant, _, _)| variant)
        .chain(&reports.catch_all)
        .map(|v| {
            let v = ty::ident(v);
            quote!(crate::#union::#v(_))
        })
        .collect();
    let catch_all = (!none.is_empty()).then(|| quote!(#(#none)|* => None,));
    quote! {
        #(#arms)*
        #catch_all
    }
}

/// `Option<kyc_common::Check>` of one kind from an `Option<kyc_common::CheckOutcome>`.
fn check(kind: &str, outcome: &TokenStream) -> TokenStream {
    let kind = format_ident!("{kind}");
    quote!(#outcome.map(|outcome| kyc_common::Check { kind: kyc_common::CheckKind::#kind, outcome }))
}

/// `Option<kyc_common::{common}>` from the first of `paths` (from `root`) that is present.
fn first_of(paths: &[FieldPath], root: &TokenStream, common: &str) -> TokenStream {
    let common = format_ident!("{common}");
    let mut alternatives = paths.iter().map(|p| {
        let get = path_expr(p, root);
        quote!(#get.map(kyc_common::#common::from))
    });
    let Some(first) = alternatives.next() else { return quote!(None::<kyc_common::#common>) };
    alternatives.fold(first, |acc, next| quote!(#acc.or_else(|| #next)))
}

/// The summary's doc lines: which fields give what.
fn summary_doc(s: &Summary) -> Vec<String> {
    let text = |paths: &[FieldPath]| paths.iter().map(|p| format!("`{}`", p.text)).collect::<Vec<_>>().join(", else ");
    let mut doc = vec![
        "This object in the common vocabulary of `kyc_common` (no identity data): the same real-world outcome gives the same summary whichever vendor ran the verification.".to_string(),
        String::new(),
        format!("- id: `{}`", s.id.text),
    ];
    doc.push(match s.status.as_slice() {
        [] => "- status: from the checks (`VerificationStatus::from_checks`)".into(),
        paths => format!("- status: {} (when absent, from the checks)", text(paths)),
    });
    if !s.document_type.is_empty() {
        doc.push(format!("- document type: {}", text(&s.document_type)));
    }
    for (kind, paths) in &s.checks {
        doc.push(format!("- check `{kind}`: {} (left out when absent)", text(paths)));
    }
    doc
}

/// An `Option<&T>` expression for a path from `root` (`self`, or a bound variable).
fn path_expr(p: &FieldPath, root: &TokenStream) -> TokenStream {
    let mut out = quote!(Some(#root));
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
