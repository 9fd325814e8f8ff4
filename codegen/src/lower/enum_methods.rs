//! The vendor config's `enum_methods`: vendor meaning of enum values (which statuses are
//! terminal) attached to the enums as predicates. Every name and value in the section must
//! exist: a typo is an error at its line in the config, never a method that is silently
//! false.

use crate::config::CrateConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Body, EnumMethod, TypeDef};
use crate::naming;
use crate::source::escape_pointer;
use serde_json::Value;

/// Method names an enum already has, which a predicate may not take.
const RESERVED: [&str; 5] = ["as_str", "as_i64", "from_wire", "known_values", "to_string"];

/// Attaches the config's predicates to the enums of `types` (Rust names).
pub fn attach(cfg: &CrateConfig, cfg_file: &str, types: &mut [TypeDef], diags: &mut Diagnostics) {
    for (ty, methods) in &cfg.enum_methods {
        let at = format!("/enum_methods/{}", escape_pointer(ty));
        let err = |msg: String, pointer: &str| Diagnostic::error(cfg_file, msg).at_pointer(pointer);
        let Some(t) = types.iter_mut().find(|t| t.name == *ty) else {
            diags.push(err(format!("`enum_methods` names `{ty}`, which is not a generated type"), &at));
            continue;
        };
        let e = match &mut t.body {
            Body::Enum(e) => e,
            Body::Alias(target) => {
                diags.push(err(format!("`{ty}` is another name for `{target}`: give its methods under `{target}`"), &at));
                continue;
            }
            _ => {
                diags.push(err(format!("`enum_methods` names `{ty}`, which is not an enum"), &at));
                continue;
            }
        };
        for (name, values) in methods {
            let at = format!("{at}/{}", escape_pointer(name));
            if naming::field_name(name) != *name || name.starts_with("r#") || RESERVED.contains(&name.as_str()) {
                diags.push(err(format!("`{name}` cannot be a method of `{ty}`: use a snake_case name that is not a keyword or an existing method"), &at));
                continue;
            }
            let mut variants = Vec::new();
            for (i, v) in values.iter().enumerate() {
                match e.variants.iter().find(|known| text(&known.wire) == text(v)) {
                    Some(known) if !variants.contains(&known.name) => variants.push(known.name.clone()),
                    Some(_) => diags.push(err(format!("`{}` is listed twice for `{ty}::{name}`", text(v)), &format!("{at}/{i}"))),
                    None => diags.push(err(format!("`{}` is not a value of `{ty}`", text(v)), &format!("{at}/{i}"))),
                }
            }
            // The enum's order, whatever the config's.
            variants.sort_by_key(|v| e.variants.iter().position(|k| k.name == *v));
            e.methods.push(EnumMethod { name: name.clone(), variants });
        }
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
