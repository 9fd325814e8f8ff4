//! The vendor config's `vocabulary:` section checked against the lowered model: every value
//! of a mapped vendor enum is mapped or declared unmapped, every mapping names a value the
//! spec has and a common value `kyc-common` has, and summary paths lead to mapped enums.
//! The result is a [`Plan`] that `emit::vocabulary` turns into code and [`table`] into the
//! cross-vendor table.

pub mod coverage;
mod paths;
pub mod table;

pub use paths::{Access, FieldPath, Step};

use crate::config::{CrateConfig, EnumVocabulary, Vocabulary};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Body, EnumDef, Model};
use crate::source::escape_pointer;
use serde_json::Value;

/// A common enum of `kyc-common` that vendor enums map to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Common {
    /// `kyc_common::VerificationStatus`: a verification's overall state.
    VerificationStatus,
    /// `kyc_common::DocumentType`: the kind of identity document.
    DocumentType,
    /// `kyc_common::IdNumberType`: the scheme (and issuing country) of an ID number.
    IdNumberType,
    /// `kyc_common::CheckOutcome`: how one check came out.
    CheckOutcome,
}

impl Common {
    /// Every common enum, in the order of the table.
    pub const ALL: [Common; 4] = [Common::VerificationStatus, Common::DocumentType, Common::IdNumberType, Common::CheckOutcome];

    /// The enum's Rust name in `kyc-common`, as configs write it (`common: DocumentType`) and generated code paths it.
    pub fn name(self) -> &'static str {
        match self {
            Common::VerificationStatus => "VerificationStatus",
            Common::DocumentType => "DocumentType",
            Common::IdNumberType => "IdNumberType",
            Common::CheckOutcome => "CheckOutcome",
        }
    }

    /// The values a vendor value may map to (for `IdNumberType`, the schemes), as
    /// `kyc-common` declares them.
    pub fn variants(self) -> &'static [&'static str] {
        match self {
            Common::VerificationStatus => kyc_common::VerificationStatus::VARIANTS,
            Common::DocumentType => kyc_common::DocumentType::VARIANTS,
            Common::IdNumberType => kyc_common::IdScheme::VARIANTS,
            Common::CheckOutcome => kyc_common::CheckOutcome::VARIANTS,
        }
    }

    fn parse(name: &str) -> Option<Common> {
        Common::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One crate's checked vocabulary.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The vendor as summaries name it.
    pub vendor: String,
    /// The crate's package name, for the table.
    pub package: String,
    /// The vendor config with its sha256 (`specs/plaid-idv/kycgen.yaml (sha256 …)`), for
    /// the table's `@generated` header.
    pub config: String,
    /// Every mapped vendor enum, in the config's order.
    pub enums: Vec<EnumMap>,
    /// Every summarized object (`VerificationSummary` conversions), in the config's order.
    pub summaries: Vec<Summary>,
}

/// A vendor enum and what each of its values becomes.
#[derive(Clone, Debug)]
pub struct EnumMap {
    /// Rust name of the vendor enum.
    pub name: String,
    /// The common enum its values map to.
    pub common: Common,
    /// The vendor enum's variant for values it does not list.
    pub catch_all: String,
    /// Cargo features that compile the enum (any of them); empty: always.
    pub features: Vec<String>,
    /// In the enum's order, every variant.
    pub values: Vec<ValueMap>,
}

/// One vendor value: its variant, wire text and common value (`None`: unmapped).
#[derive(Clone, Debug)]
pub struct ValueMap {
    /// The vendor enum's Rust variant name.
    pub variant: String,
    /// The value's text on the wire.
    pub wire: String,
    /// The common value it maps to; `None` when the config declares it unmapped (it becomes `Other`).
    pub target: Option<Target>,
}

/// A common value: the variant, and for `IdNumberType` the issuing country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The Rust variant name in `kyc-common` (for `IdNumberType`, an `IdScheme` variant).
    pub variant: String,
    /// The issuing country (ISO 3166-1 alpha-2) of an `IdNumberType`; `None` otherwise.
    pub country: Option<String>,
}

/// A top-level object's summary: the resolved paths of its parts.
#[derive(Clone, Debug)]
pub struct Summary {
    /// Rust name of the object.
    pub ty: String,
    /// Cargo features that compile the object (any of them); empty: always.
    pub features: Vec<String>,
    /// The path to the vendor's id of the object.
    pub id: FieldPath,
    /// Paths tried in order (none: the status comes from the checks).
    pub status: Vec<FieldPath>,
    /// Paths to a `DocumentType`-mapped enum, tried in order (none: no document type).
    pub document_type: Vec<FieldPath>,
    /// Common check kind → paths of enums mapped to `CheckOutcome`.
    pub checks: Vec<(String, Vec<FieldPath>)>,
    /// Checks held by a separately fetched union (Onfido's reports), when the config names one.
    pub reports: Option<Reports>,
}

/// Checks carried by the variants of a union (fetched apart from the summarized object).
#[derive(Clone, Debug)]
pub struct Reports {
    /// Rust name of the union.
    pub union: String,
    /// The union's catch-all variant (a report kind the spec does not list), which adds no check.
    pub catch_all: Option<String>,
    /// Each variant: its name, its check kind (`None`: unmapped) and its outcome paths.
    pub variants: Vec<(String, Option<String>, Vec<FieldPath>)>,
}

/// Checks the config's vocabulary against the model. Errors go to `diags`, located in the
/// config file (`display`); `None` when the config has no vocabulary or it has errors.
pub fn plan(cfg: &CrateConfig, model: &Model, display: &str, diags: &mut Diagnostics) -> Option<Plan> {
    let vocab = cfg.vocabulary.as_ref()?;
    let before = diags.errors().count();
    let at = |pointer: String| Diagnostic::error(display, "").at_pointer(pointer);
    let mut enums = Vec::new();
    for (name, ev) in &vocab.enums {
        let ptr = format!("/vocabulary/enums/{}", escape_pointer(name));
        if let Some(m) = enum_map(vocab, name, ev, model, &ptr, &at, diags) {
            enums.push(m);
        }
    }
    let summaries = vocab
        .summaries
        .iter()
        .filter_map(|(ty, fields)| paths::summary(ty, fields, model, &enums, &format!("/vocabulary/summaries/{}", escape_pointer(ty)), &at, diags))
        .collect();
    if vocab.vendor.trim().is_empty() || vocab.vendor.chars().any(|c| c.is_control()) {
        diags.push(with(at("/vocabulary/vendor".into()), "vocabulary: `vendor` must be a name (`plaid`)".into()));
    }
    if diags.errors().count() > before {
        return None;
    }
    let config = match &cfg.file {
        Some(f) => format!("{} (sha256 {})", f.display, crate::sha256_hex(&f.text)),
        None => display.to_string(),
    };
    Some(Plan { vendor: vocab.vendor.clone(), package: model.package.clone(), config, enums, summaries })
}

/// Replaces the message of a located template diagnostic.
fn with(d: Diagnostic, message: String) -> Diagnostic {
    Diagnostic { message, ..d }
}

/// One vendor enum's map, or errors: the enum is missing or not an enum, a value is
/// neither mapped nor unmapped (a failed check), a mapping names a value the enum no longer
/// has (a failed check), or names a common value that does not exist.
fn enum_map(
    vocab: &Vocabulary,
    name: &str,
    ev: &EnumVocabulary,
    model: &Model,
    ptr: &str,
    at: &dyn Fn(String) -> Diagnostic,
    diags: &mut Diagnostics,
) -> Option<EnumMap> {
    let vendor = &vocab.vendor;
    let Some(common) = Common::parse(&ev.common) else {
        let known: Vec<&str> = Common::ALL.iter().map(|c| c.name()).collect();
        diags.push(with(at(format!("{ptr}/common")), format!("vocabulary: unknown common enum `{}` for `{name}` (known: {})", ev.common, known.join(", "))));
        return None;
    };
    let (def, features) = match find_enum(model, name) {
        Ok(found) => found,
        Err(why) => {
            diags.push(with(at(ptr.to_string()), format!("vocabulary: {vendor}: {why}")).as_failed_check());
            return None;
        }
    };
    let wires: Vec<(String, String)> = def.variants.iter().filter_map(|v| Some((v.name.clone(), wire_text(&v.wire)?))).collect();
    if def.base != crate::ir::EnumBase::String {
        diags.push(with(at(ptr.to_string()), format!("vocabulary: {vendor}: enum `{name}` has {} values; only string enums map", def.base)));
        return None;
    }
    let place = EnumPlace { vendor, name, ptr, at };
    let values = value_maps(&place, ev, common, &wires, diags);
    leftovers(&place, ev, &wires, diags);
    Some(EnumMap { name: name.to_string(), common, catch_all: def.catch_all.clone(), features, values })
}

/// Where one vendor enum's diagnostics go and how they name it.
struct EnumPlace<'a> {
    vendor: &'a str,
    name: &'a str,
    /// The JSON pointer of the enum's entry in the config.
    ptr: &'a str,
    at: &'a dyn Fn(String) -> Diagnostic,
}

/// Every variant's map (`(variant, wire)` in the enum's order): its common value, or `None`
/// when declared unmapped. A value both mapped and unmapped, mapped to a value that does not
/// parse, or neither (a failed check) is an error and left out.
fn value_maps(place: &EnumPlace, ev: &EnumVocabulary, common: Common, wires: &[(String, String)], diags: &mut Diagnostics) -> Vec<ValueMap> {
    let EnumPlace { vendor, name, ptr, at } = place;
    let mut values = Vec::new();
    for (variant, wire) in wires {
        let target = match (ev.values.get(wire), ev.unmapped.contains(wire)) {
            (Some(_), true) => {
                let msg = format!("vocabulary: {vendor}: enum `{name}` value `{wire}` is both mapped and listed under `unmapped`");
                diags.push(with(at(format!("{ptr}/values/{}", escape_pointer(wire))), msg));
                continue;
            }
            (Some(t), false) => match parse_target(common, t) {
                Ok(t) => Some(t),
                Err(why) => {
                    diags.push(with(at(format!("{ptr}/values/{}", escape_pointer(wire))), format!("vocabulary: {vendor}: enum `{name}` value `{wire}`: {why}")));
                    continue;
                }
            },
            (None, true) => None,
            (None, false) => {
                let msg = format!(
                    "vocabulary: {vendor}: enum `{name}` value `{wire}` is neither mapped to a `{}` value nor listed under `unmapped`",
                    common.name()
                );
                diags.push(with(at(ptr.to_string()), msg).as_failed_check());
                continue;
            }
        };
        values.push(ValueMap { variant: variant.clone(), wire: wire.clone(), target });
    }
    values
}

/// Config entries that name no value of the enum any more (failed checks), and values listed
/// twice under `unmapped`.
fn leftovers(place: &EnumPlace, ev: &EnumVocabulary, wires: &[(String, String)], diags: &mut Diagnostics) {
    let EnumPlace { vendor, name, ptr, at } = place;
    let known = |w: &String| wires.iter().any(|(_, x)| x == w);
    for wire in ev.values.keys().filter(|w| !known(w)) {
        let msg = format!("vocabulary: {vendor}: enum `{name}` has no value `{wire}` any more, but the config maps it");
        diags.push(with(at(format!("{ptr}/values/{}", escape_pointer(wire))), msg).as_failed_check());
    }
    for (i, wire) in ev.unmapped.iter().enumerate().filter(|(_, w)| !known(w)) {
        let msg = format!("vocabulary: {vendor}: enum `{name}` has no value `{wire}` any more, but the config lists it under `unmapped`");
        diags.push(with(at(format!("{ptr}/unmapped/{i}")), msg).as_failed_check());
    }
    for (i, wire) in ev.unmapped.iter().enumerate() {
        if ev.unmapped[..i].contains(wire) {
            diags.push(with(at(format!("{ptr}/unmapped/{i}")), format!("vocabulary: {vendor}: enum `{name}` value `{wire}` is listed twice under `unmapped`")));
        }
    }
}

/// The model's enum named `name` (a Rust type name), with its features.
pub(crate) fn find_enum<'m>(model: &'m Model, name: &str) -> Result<(&'m EnumDef, Vec<String>), String> {
    let Some(t) = model.types.iter().find(|t| t.name == name) else {
        return Err(format!("the crate has no type `{name}` (vocabulary enums are named as the crate names them, after `renames`)"));
    };
    match &t.body {
        Body::Enum(e) => Ok((e, t.features.clone())),
        Body::Alias(target) => Err(format!("`{name}` is another name for `{target}`: map `{target}` instead")),
        _ => Err(format!("`{name}` is not an enum")),
    }
}

fn wire_text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// `DriversLicense`, or for `IdNumberType` `TaxId` / `TaxId(BR)`, checked against
/// `kyc-common`'s values.
fn parse_target(common: Common, text: &str) -> Result<Target, String> {
    let text = text.trim();
    let (variant, country) = match text.strip_suffix(')').and_then(|t| t.split_once('(')) {
        Some((v, c)) if common == Common::IdNumberType => (v.trim(), Some(c.trim())),
        _ => (text, None),
    };
    if !common.variants().contains(&variant) {
        return Err(format!("`{variant}` is not a `{}` value (known: {})", common.name(), common.variants().join(", ")));
    }
    if let Some(c) = country {
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!("`{c}` is not an ISO 3166-1 alpha-2 country code (two capital letters)"));
        }
    }
    Ok(Target { variant: variant.to_string(), country: country.map(str::to_string) })
}
