//! Parameter objects: a struct with more than [`MAX_ARGS`] required fields gets a plain
//! struct of them (`<Name>Required`, from [`naming::params_name`]) that its `new` takes, so
//! callers name each field instead of lining up a long list of arguments of one type.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::Spec;
use crate::model::{Body, Presence, TypeDef};
use crate::naming;
use std::collections::BTreeSet;

/// The most required fields `new` takes as arguments (clippy's `too_many_arguments` bound).
pub const MAX_ARGS: usize = 7;

/// Names the parameter object of every struct that needs one. A name another type already
/// has is not taken: the object gets the next free one (`naming::dedupe`), with a warning at
/// the struct's schema, as that name would change if the other type went away.
pub(super) fn assign(types: &mut [TypeDef], spec: &Spec, cfg_file: &str, diags: &mut Diagnostics) {
    let mut taken: BTreeSet<String> = types.iter().map(|t| t.name.clone()).collect();
    for t in types.iter_mut() {
        let Body::Struct(s) = &t.body else { continue };
        if s.fields.iter().filter(|f| f.presence == Presence::Required).count() <= MAX_ARGS {
            continue;
        }
        let wanted = naming::params_name(&t.name);
        let mut name = [wanted.clone()];
        naming::dedupe(&mut name, &mut taken);
        let [name] = name;
        if name != wanted {
            let msg = format!("`{wanted}`, the parameter object of `{}::new`, is the name of another type: it is named `{name}`", t.name);
            let d = match t.owner().and_then(|o| spec.schemas.get(o)) {
                Some(owner) => owner.origin.locate(Diagnostic::warning(&owner.origin.file, msg)),
                None => Diagnostic::warning(cfg_file, msg),
            };
            diags.push(d);
        }
        if let Body::Struct(s) = &mut t.body {
            s.params = Some(name);
        }
    }
}
