//! [`UnixTime`]: a point in time sent as whole seconds since the Unix epoch.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time sent as whole seconds since the Unix epoch.
///
/// ```
/// use kycgen_runtime::UnixTime;
/// let t: UnixTime = serde_json::from_str("1700000000").unwrap();
/// assert_eq!(t.0.to_string(), "2023-11-14T22:13:20Z");
/// assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(pub jiff::Timestamp);

impl UnixTime {
    /// Seconds since the Unix epoch.
    pub fn as_second(&self) -> i64 {
        self.0.as_second()
    }
}

impl From<jiff::Timestamp> for UnixTime {
    fn from(t: jiff::Timestamp) -> Self {
        UnixTime(t)
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0.as_second())
    }
}

impl<'de> Deserialize<'de> for UnixTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = i64::deserialize(d)?;
        jiff::Timestamp::from_second(secs).map(UnixTime).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::UnixTime;

    #[test]
    fn out_of_range_is_an_error() {
        assert!(serde_json::from_str::<UnixTime>("99999999999999999").is_err());
        assert_eq!(serde_json::from_str::<UnixTime>("0").unwrap().as_second(), 0);
    }
}
