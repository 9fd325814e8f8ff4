//! The macros a generated struct's serde impls are written with: the generated file names
//! each field once with its wire name and slot, and the macros expand to the impls of
//! [`ser`](crate::ser) and [`de`](crate::de) (a tuple of entries, a [`FromMap`](crate::de::FromMap)
//! impl). Written out, the impls made the full-Plaid file half again as large, all of it for
//! kycgen to format and for rustc to parse.

/// `Serialize` for a generated struct: its fields in declaration order as a tuple of
/// [`ser::Req`](crate::ser::Req) (always written) and [`ser::Opt`](crate::ser::Opt) (left
/// out when absent) entries, grouped in parentheses by at most twelve (the runtime's
/// tuples), each under its wire name (`= "wire"` where it is not the field's name).
///
/// ```
/// use kycgen_runtime::Nullable;
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
///     note: Nullable<String>,
/// }
/// kycgen_runtime::serialize_struct!(Check(Req status, Opt r#type = "type", Opt note));
///
/// let c = Check { status: "ok".into(), r#type: Some("kyc".into()), note: Nullable::Absent };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"status":"ok","type":"kyc"}"#);
/// ```
#[macro_export]
macro_rules! serialize_struct {
    ($name:ident ()) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize_empty(s)
            }
        }
    };
    ($name:ident ($($entries:tt)*)) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize_struct(s, $crate::__entries!(self; $($entries)*))
            }
        }
    };
}

/// The tuple of entries of [`serialize_struct!`], groups nested.
#[doc(hidden)]
#[macro_export]
macro_rules! __entries {
    ($this:ident; $(($($group:tt)*)),+) => {
        ($($crate::__entries!($this; $($group)*),)+)
    };
    ($this:ident; $($kind:ident $field:ident $(= $wire:literal)?),+) => {
        ($($crate::ser::$kind($crate::__wire!($field $(= $wire)?), &$this.$field),)+)
    };
}

/// A field's wire name: the literal given, or the field's name.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire {
    ($field:ident = $wire:literal) => {
        $wire
    };
    ($field:ident) => {
        stringify!($field)
    };
}

/// `Deserialize` for a generated struct, read by [`de::deserialize_struct`](crate::de::deserialize_struct):
/// the fields in declaration order (`= "wire"` where the wire name is not the field's
/// name), then their slots ([`de::Req`](crate::de::Req): an error when missing;
/// [`de::Opt`](crate::de::Opt): its default) grouped in parentheses by at most twelve.
///
/// ```
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
/// }
/// kycgen_runtime::deserialize_struct!(Check { status, r#type = "type" } (status: Req(String), r#type: Opt(Option<String>)));
///
/// let c: Check = serde_json::from_str(r#"{"type":"kyc","status":"ok"}"#).unwrap();
/// assert_eq!((c.status.as_str(), c.r#type.as_deref()), ("ok", Some("kyc")));
/// ```
#[macro_export]
macro_rules! deserialize_struct {
    ($name:ident {} ()) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize_empty(d)
            }
        }
    };
    ($name:ident { $($field:ident $(= $wire:literal)?),+ } ($($slots:tt)*)) => {
        impl $crate::de::FromMap for $name {
            const EXPECTING: &'static str = concat!("struct ", stringify!($name));
            const FIELDS: &'static [&'static str] = &[$($crate::__wire!($field $(= $wire)?)),+];
            type Slots = $crate::__slots!(type; $($slots)*);
            #[inline]
            fn build($crate::__slots!(pattern; $($slots)*): <Self::Slots as $crate::de::Slots>::Out) -> Self {
                Self { $($field),+ }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::de::deserialize_struct(d)
            }
        }
    };
}

/// The `Slots` type of [`deserialize_struct!`] (`type`), or the pattern `build` takes the
/// slots' values with (`pattern`), groups nested.
#[doc(hidden)]
#[macro_export]
macro_rules! __slots {
    ($what:ident; $(($($group:tt)*)),+) => {
        ($($crate::__slots!($what; $($group)*),)+)
    };
    (type; $($field:ident: $kind:ident($ty:ty)),+) => {
        ($($crate::de::$kind<$ty>,)+)
    };
    (pattern; $($field:ident: $kind:ident($ty:ty)),+) => {
        ($($field,)+)
    };
}

#[cfg(test)]
mod tests {
    use crate::Nullable;

    /// Fourteen fields in two groups, as the generator writes more than twelve, a raw
    /// identifier and a renamed field among them.
    #[derive(Debug, Default, PartialEq)]
    struct Wide {
        a: u8,
        b: u8,
        c: u8,
        d: u8,
        e: u8,
        f: u8,
        g: u8,
        h: u8,
        i: u8,
        j: u8,
        k: u8,
        l: u8,
        r#type: Option<String>,
        note: Nullable<String>,
    }
    crate::serialize_struct!(Wide((Req a, Req b, Req c, Req d, Req e, Req f, Req g, Req h, Req i, Req j, Req k, Req l = "L"), (Opt r#type = "type", Opt note)));
    crate::deserialize_struct!(Wide { a, b, c, d, e, f, g, h, i, j, k, l = "L", r#type = "type", note } (
        (a: Req(u8), b: Req(u8), c: Req(u8), d: Req(u8), e: Req(u8), f: Req(u8), g: Req(u8), h: Req(u8), i: Req(u8), j: Req(u8), k: Req(u8), l: Req(u8)),
        (r#type: Opt(Option<String>), note: Opt(Nullable<String>))
    ));

    #[derive(Debug, Default, PartialEq)]
    struct Empty {}
    crate::serialize_struct!(Empty());
    crate::deserialize_struct!(Empty {} ());

    #[test]
    fn groups_reach_every_field_both_ways() {
        let w = Wide { a: 1, l: 12, r#type: Some("t".into()), note: Nullable::Null, ..Wide::default() };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(json, r#"{"a":1,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0,"j":0,"k":0,"L":12,"type":"t","note":null}"#);
        assert_eq!(serde_json::from_str::<Wide>(&json).unwrap(), w);
        let missing = json.replace(r#""L":12,"#, "");
        assert!(serde_json::from_str::<Wide>(&missing).unwrap_err().to_string().starts_with("missing field `L`"));
        let twice = json.replace(r#""a":1,"#, r#""a":1,"a":2,"#);
        assert!(serde_json::from_str::<Wide>(&twice).unwrap_err().to_string().starts_with("duplicate field `a`"));
    }

    #[test]
    fn an_empty_struct_is_an_empty_map_and_reads_any_value() {
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
        for json in ["{}", "null", "[1]", r#"{"x":1}"#] {
            assert_eq!(serde_json::from_str::<Empty>(json).unwrap(), Empty {}, "{json}");
        }
    }
}
