//! How a generated struct is serialized: a map of its fields in declaration order, optional
//! fields left out when absent. A generated `Serialize` impl hands [`serialize_struct`] a
//! tuple of its fields ([`Req`], [`Opt`]); the writing is generic code written once here,
//! instead of serde's derive, which cost a generated crate about a third of its
//! `cargo check` time, or a statement per field.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

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

/// A field always written: its wire name and its value.
pub struct Req<'a, T: ?Sized>(pub &'static str, pub &'a T);

/// An optional field (an `Option` or a `Nullable`), left out when [`Absent`]: its wire name
/// and its value.
pub struct Opt<'a, T: ?Sized>(pub &'static str, pub &'a T);

/// The entries of a struct's map: a [`Req`], an [`Opt`] or a tuple of entries (of up to
/// twelve, nested for more fields), written in order.
pub trait Entries {
    /// Writes the entries into `map`.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize + ?Sized> Entries for Req<'_, T> {
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(self.0, self.1)
    }
}

impl<T: Serialize + Absent + ?Sized> Entries for Opt<'_, T> {
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if self.1.is_absent() {
            Ok(())
        } else {
            map.serialize_entry(self.0, self.1)
        }
    }
}

macro_rules! tuple_entries {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Entries),+> Entries for ($($t,)+) {
            fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                $( self.$i.write(map)?; )+
                Ok(())
            }
        }
    };
}

for_tuples!(tuple_entries);

/// `Serialize::serialize` of a generated struct: a map of `entries` in order, each
/// [`Req`] always written, each [`Opt`] left out when absent.
///
/// ```
/// use kycgen_runtime::ser::{Opt, Req};
/// use kycgen_runtime::Nullable;
///
/// pub struct Check {
///     status: String,
///     r#type: Option<String>,
///     note: Nullable<String>,
/// }
/// impl serde::Serialize for Check {
///     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
///         kycgen_runtime::ser::serialize_struct(s, (Req("status", &self.status), Opt("type", &self.r#type), Opt("note", &self.note)))
///     }
/// }
///
/// let c = Check { status: "ok".into(), r#type: Some("kyc".into()), note: Nullable::Absent };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"status":"ok","type":"kyc"}"#);
/// let c = Check { status: "ok".into(), r#type: None, note: Nullable::Null };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"status":"ok","note":null}"#);
/// ```
pub fn serialize_struct<S: Serializer, E: Entries>(s: S, entries: E) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    entries.write(&mut map)?;
    map.end()
}

/// `Serialize::serialize` of a generated struct without fields: `{}`.
pub fn serialize_empty<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_map(None)?.end()
}

#[cfg(test)]
mod tests {
    use super::{Opt, Req};
    use crate::Nullable;

    struct Person {
        status: String,
        middle: Option<String>,
        phone: Nullable<String>,
        kind: Option<u8>,
    }
    impl serde::Serialize for Person {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize_struct(s, (Req("status", &self.status), Opt("middle", &self.middle), Opt("phone", &self.phone), Opt("type", &self.kind)))
        }
    }

    struct Empty {}
    impl serde::Serialize for Empty {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::serialize_empty(s)
        }
    }

    /// Thirteen fields in two nested tuples, as the generator writes more than twelve.
    struct Wide([u8; 13]);
    impl serde::Serialize for Wide {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let v = &self.0;
            let r = |i: usize, k| Req(k, &v[i]);
            let keys = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"];
            let t = (r(0, keys[0]), r(1, keys[1]), r(2, keys[2]), r(3, keys[3]), r(4, keys[4]), r(5, keys[5]), r(6, keys[6]), r(7, keys[7]), r(8, keys[8]), r(9, keys[9]), r(10, keys[10]), r(11, keys[11]));
            super::serialize_struct(s, (t, (r(12, keys[12]),)))
        }
    }

    #[test]
    fn fields_in_order_absent_ones_left_out() {
        let p = Person { status: "ok".into(), middle: None, phone: Nullable::Null, kind: Some(2) };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"status":"ok","phone":null,"type":2}"#);
        let p = Person { status: "ok".into(), middle: Some("Q".into()), phone: Nullable::Value("1".into()), kind: None };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"status":"ok","middle":"Q","phone":"1"}"#);
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
        let w = Wide([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,"k":10,"l":11,"m":12}"#);
    }
}
