//! [`Nullable`]: a field that may be absent, `null`, or hold a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;

/// A field that may be absent, `null`, or hold a value, kept apart so that a payload
/// serializes back to the JSON it came from.
///
/// Generated structs hand optional `Nullable` fields to
/// [`ser::serialize_struct`](crate::ser::serialize_struct) as [`ser::Opt`](crate::ser::Opt) (serde's derive would take
/// `skip_serializing_if = "Nullable::is_absent"`), so [`Absent`](Nullable::Absent) is not
/// sent at all, [`Null`](Nullable::Null) is sent as `null` and [`Value`](Nullable::Value)
/// as the value.
///
/// Conversions follow that meaning: a value converts to `Value`, and an `Option`
/// converts `Some(v)` to `Value(v)` and `None` to **`Absent`** (leave the field out). To
/// send an explicit `null` (for example to clear a field), write `Nullable::Null`.
///
/// ```
/// use kycgen_runtime::Nullable;
///
/// #[derive(serde::Serialize)]
/// struct Update {
///     #[serde(skip_serializing_if = "Nullable::is_absent")]
///     phone: Nullable<String>,
/// }
///
/// let keep = Update { phone: None.into() };
/// assert_eq!(serde_json::to_string(&keep).unwrap(), "{}");
/// let clear = Update { phone: Nullable::Null };
/// assert_eq!(serde_json::to_string(&clear).unwrap(), r#"{"phone":null}"#);
/// let set = Update { phone: "+15551234567".to_string().into() };
/// assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"phone":"+15551234567"}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The field was not in the payload (and is left out when serializing).
    #[default]
    Absent,
    /// The field was `null` (and is sent as `null`).
    Null,
    /// The field had a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field was absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the field was `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the field had a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if there is one.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// A `Nullable` of a reference to the value; absent and `null` stay what they are.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// Applies `f` to the value; absent and `null` stay what they are.
    ///
    /// ```
    /// use kycgen_runtime::Nullable;
    /// assert_eq!(Nullable::Value(2).map(|n| n * 10), Nullable::Value(20));
    /// assert_eq!(Nullable::<i32>::Null.map(|n| n * 10), Nullable::Null);
    /// ```
    pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }

    /// The value, or `default` when absent or `null`.
    pub fn unwrap_or(self, default: T) -> T {
        self.into_option().unwrap_or(default)
    }

    /// The value, or `err` when absent or `null`.
    pub fn ok_or<E>(self, err: E) -> Result<T, E> {
        self.into_option().ok_or(err)
    }
}

impl<T: Deref> Nullable<T> {
    /// A `Nullable` of the dereferenced value (`Nullable<String>` → `Nullable<&str>`).
    ///
    /// ```
    /// use kycgen_runtime::Nullable;
    /// let name = Nullable::Value("Leslie".to_string());
    /// assert_eq!(name.as_deref(), Nullable::Value("Leslie"));
    /// ```
    pub fn as_deref(&self) -> Nullable<&T::Target> {
        self.as_ref().map(|v| v.deref())
    }
}

impl<T> From<T> for Nullable<T> {
    /// `Value(v)`.
    fn from(v: T) -> Self {
        Nullable::Value(v)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some(v)` → `Value(v)`, `None` → `Absent` (the field is left out). Use
    /// [`Nullable::Null`] to send `null`.
    fn from(v: Option<T>) -> Self {
        match v {
            Some(v) => Nullable::Value(v),
            None => Nullable::Absent,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => s.serialize_some(v),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Called only when the field is present: `null` → `Null`, anything else → `Value`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;

    #[test]
    fn none_is_absent_and_null_is_explicit() {
        assert_eq!(Nullable::<u8>::from(None), Nullable::Absent);
        assert_eq!(Nullable::from(Some(3)), Nullable::Value(3));
        assert_eq!(Nullable::from(3), Nullable::Value(3));
        assert_eq!(serde_json::to_string(&Nullable::<u8>::Null).unwrap(), "null");
        assert_eq!(serde_json::to_string(&Nullable::Value(3)).unwrap(), "3");
    }

    #[test]
    fn deserializes_null_and_value() {
        assert_eq!(serde_json::from_str::<Nullable<u8>>("null").unwrap(), Nullable::Null);
        assert_eq!(serde_json::from_str::<Nullable<u8>>("7").unwrap(), Nullable::Value(7));
        assert!(serde_json::from_str::<Nullable<u8>>("\"x\"").is_err());
    }

    #[test]
    fn accessors() {
        let v = Nullable::Value(String::from("a"));
        assert!(v.is_value() && !v.is_null() && !v.is_absent());
        assert_eq!(v.as_ref(), Nullable::Value(&String::from("a")));
        assert_eq!(v.as_deref(), Nullable::Value("a"));
        assert_eq!(Nullable::<String>::Null.as_deref(), Nullable::Null);
        assert_eq!(Nullable::<String>::Absent.as_deref(), Nullable::Absent);
        assert_eq!(Nullable::<u8>::Null.unwrap_or(4), 4);
        assert_eq!(Nullable::Value(5).unwrap_or(4), 5);
        assert_eq!(Nullable::<u8>::Absent.ok_or("missing"), Err("missing"));
        assert_eq!(Nullable::Value(1).ok_or("missing"), Ok(1));
        assert_eq!(Nullable::<u8>::Absent.map(|n| n + 1), Nullable::Absent);
        assert_eq!(Nullable::Value(1).into_option(), Some(1));
        assert_eq!(Nullable::<u8>::Null.as_option(), None);
    }
}
