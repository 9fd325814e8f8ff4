//! What a spec's enums have that a vocabulary does not cover, as data: for `cargo xtask diff
//! --config`, so a spec update's pull request says which values to map.

use super::find_enum;
use crate::config::CrateConfig;
use crate::model::Model;
use serde::Serialize;

/// One value to take care of in the vendor config.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The vendor as the config's `vocabulary.vendor` names it.
    pub vendor: String,
    /// The vendor enum (Rust name, as in the config).
    #[serde(rename = "enum")]
    pub enum_name: String,
    /// The wire value to map (or to remove from the config).
    pub value: String,
    /// `uncovered`: the spec has the value and the config neither maps nor lists it;
    /// `gone`: the config maps or lists a value the spec does not have.
    pub kind: &'static str,
}

/// Every value of the mapped enums of `model` that `cfg`'s vocabulary does not cover, and
/// every value it maps that the enums do not have, in config order. A mapped enum the model
/// lacks is reported as one `gone` entry with an empty value.
pub fn gaps(cfg: &CrateConfig, model: &Model) -> Vec<Gap> {
    let Some(vocab) = &cfg.vocabulary else { return Vec::new() };
    let mut out = Vec::new();
    let gap = |name: &str, value: &str, kind| Gap { vendor: vocab.vendor.clone(), enum_name: name.to_string(), value: value.to_string(), kind };
    for (name, ev) in &vocab.enums {
        let Ok((def, _)) = find_enum(model, name) else {
            out.push(gap(name, "", "gone"));
            continue;
        };
        let wires: Vec<&str> = def.variants.iter().filter_map(|v| v.wire.as_str()).collect();
        out.extend(wires.iter().filter(|w| !ev.values.contains_key(**w) && !ev.unmapped.iter().any(|u| u == *w)).map(|w| gap(name, w, "uncovered")));
        out.extend(ev.values.keys().chain(&ev.unmapped).filter(|w| !wires.contains(&w.as_str())).map(|w| gap(name, w, "gone")));
    }
    out
}

/// The gaps as a markdown section for a drift report (empty when there are none).
pub fn markdown(gaps: &[Gap], config: &str) -> String {
    if gaps.is_empty() {
        return String::new();
    }
    let mut s = format!("\n### Vocabulary\n\n{} values to take care of in `{config}` (`vocabulary.enums`):\n\n", gaps.len());
    for g in gaps {
        let line = match (g.kind, g.value.is_empty()) {
            ("gone", true) => format!("- {}: enum `{}` is gone: remove its mapping\n", g.vendor, g.enum_name),
            ("gone", false) => format!("- {}: `{}` value `{}` is gone: remove it from the mapping\n", g.vendor, g.enum_name, g.value.escape_debug()),
            _ => format!("- {}: `{}` value `{}` is new: map it or list it under `unmapped`\n", g.vendor, g.enum_name, g.value.escape_debug()),
        };
        s.push_str(&line);
    }
    s
}
