//! What [`serialize_struct!`](crate::serialize_struct) expands to: a generated struct as a
//! map of its fields in declaration order, optional fields left out when absent. Written
//! by a macro instead of serde's derive, which costs a generated crate about a third of its
//! `cargo check` time.

/// An optional field's "nothing to send": `None`, or [`Nullable::Absent`](crate::Nullable).
pub trait Absent {
    /// True when the field is left out of the serialized object.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Nullable<T> {
    fn is_absent(&self) -> bool {
        crate::Nullable::is_absent(self)
    }
}

/// An optional field's entry: left out when [`Absent`].
pub fn entry_unless_absent<M, T>(map: &mut M, key: &'static str, value: &T) -> Result<(), M::Error>
where
    M: serde::ser::SerializeMap,
    T: serde::Serialize + Absent,
{
    if value.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(key, value)
    }
}

/// `Serialize` for a struct: a map of its fields in declaration order, each under its wire
/// name (`= "wire"` where it is not the identifier), `opt` fields (an `Option` or a
/// `Nullable`) left out when absent, `req` fields always written.
///
/// ```
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
///     note: kycgen_runtime::Nullable<String>,
/// }
/// kycgen_runtime::serialize_struct!(Check { req status, opt r#type = "type", opt note });
///
/// let c = Check { status: "ok".into(), r#type: Some("kyc".into()), note: kycgen_runtime::Nullable::Absent };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"status":"ok","type":"kyc"}"#);
/// let c = Check { status: "ok".into(), r#type: None, note: kycgen_runtime::Nullable::Null };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"status":"ok","note":null}"#);
/// ```
#[macro_export]
macro_rules! serialize_struct {
    ($name:ident { $($kind:ident $field:ident $(= $wire:literal)?),* }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                // No `?`: an early return written out per field is a fifth less type and
                // borrow checking for the generated crate (BENCHMARKS.md, issue 19).
                #[allow(unused_mut)]
                let mut map = match $crate::__private::serde::Serializer::serialize_map(s, ::core::option::Option::None) {
                    ::core::result::Result::Ok(map) => map,
                    ::core::result::Result::Err(e) => return ::core::result::Result::Err(e),
                };
                $( $crate::serialize_field!($kind map, self.$field, $crate::wire_name!($field $(, $wire)?)); )*
                $crate::__private::serde::ser::SerializeMap::end(map)
            }
        }
    };
}

/// One field of [`serialize_struct!`](crate::serialize_struct).
#[doc(hidden)]
#[macro_export]
macro_rules! serialize_field {
    (req $map:ident, $value:expr, $wire:expr) => {
        if let ::core::result::Result::Err(e) = $crate::__private::serde::ser::SerializeMap::serialize_entry(&mut $map, $wire, &$value) {
            return ::core::result::Result::Err(e);
        }
    };
    (opt $map:ident, $value:expr, $wire:expr) => {
        if let ::core::result::Result::Err(e) = $crate::ser::entry_unless_absent(&mut $map, $wire, &$value) {
            return ::core::result::Result::Err(e);
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::Nullable;

    struct Person {
        status: String,
        middle: Option<String>,
        phone: Nullable<String>,
        kind: Option<u8>,
    }
    crate::serialize_struct!(Person { req status, opt middle, opt phone, opt kind = "type" });

    struct Empty {}
    crate::serialize_struct!(Empty {});

    #[test]
    fn fields_in_order_absent_ones_left_out() {
        let p = Person { status: "ok".into(), middle: None, phone: Nullable::Null, kind: Some(2) };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"status":"ok","phone":null,"type":2}"#);
        let p = Person { status: "ok".into(), middle: Some("Q".into()), phone: Nullable::Value("1".into()), kind: None };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"status":"ok","middle":"Q","phone":"1"}"#);
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    }
}
