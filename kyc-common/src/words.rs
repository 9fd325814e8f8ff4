//! The common enums, each an open set of named values with an `Other(String)` for a
//! vendor value that has no common meaning.

/// Declares one common enum: its variants with their text (`as_str`), `VARIANTS` (the Rust
/// names a vendor config may map to), `Display`, and serde as that text.
macro_rules! common_enum {
    ($(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+ }) => {
        $(#[$meta])*
        ///
        /// Open: `Other` keeps a vendor value with no common meaning as received.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("\n\nText: `", $text, "`.")] $variant, )+
            /// A vendor value with no common meaning, as the vendor sent it.
            Other(String),
        }

        impl $name {
            /// The Rust names of the common values (not `Other`), in order: what a vendor
            /// config's `vocabulary:` section may map a vendor value to.
            pub const VARIANTS: &'static [&'static str] = &[$( stringify!($variant) ),+];

            /// The common values (not `Other`), in the order of [`Self::VARIANTS`].
            pub fn all() -> Vec<Self> {
                vec![$( Self::$variant ),+]
            }

            /// The value's text (`snake_case`); `Other` gives the vendor's value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Other(raw) => raw,
                }
            }

            /// The value whose text is `text`, or `Other(text)`.
            pub fn from_text(text: &str) -> Self {
                match text {
                    $( $text => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            /// A common value's text, else `Other` (so an `Other` whose raw value equals a
            /// common text reads back as that common value).
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::from_text(&text))
            }
        }
    };
}

common_enum! {
    /// Where a verification stands.
    VerificationStatus {
        /// The user has not finished, or the vendor is still checking.
        InProgress = "in_progress",
        /// The user must act again (a retake, more information).
        RequiresInput = "requires_input",
        /// Finished, waiting for a person to decide.
        PendingReview = "pending_review",
        /// Finished: the identity is verified.
        Verified = "verified",
        /// Finished: the identity could not be verified.
        Failed = "failed",
        /// Stopped before it finished, by the business or the user.
        Canceled = "canceled",
        /// Not finished in time.
        Expired = "expired",
    }
}

common_enum! {
    /// The kind of identity document.
    DocumentType {
        Passport = "passport",
        /// A driver's (driving) license.
        DriversLicense = "drivers_license",
        /// A national identity card.
        NationalIdCard = "national_id_card",
        /// A residence permit or permanent resident card.
        ResidencePermit = "residence_permit",
        Visa = "visa",
        WorkPermit = "work_permit",
        /// A voter's identity card.
        VoterId = "voter_id",
        /// A card showing a tax identification number.
        TaxIdCard = "tax_id_card",
    }
}

common_enum! {
    /// The scheme of an ID number (see [`crate::IdNumberType`] for the issuing country).
    IdScheme {
        /// A national identity or population-register number.
        NationalId = "national_id",
        /// A tax identification number.
        TaxId = "tax_id",
        /// A social security or social insurance number.
        SocialSecurity = "social_security",
        /// A number given to foreign residents.
        ResidentId = "resident_id",
        /// A passport number.
        Passport = "passport",
        /// A driver's license number.
        DriversLicense = "drivers_license",
        /// A voter registration number.
        VoterId = "voter_id",
    }
}

common_enum! {
    /// How one check of a verification came out.
    CheckOutcome {
        /// The check succeeded (automatically or by a reviewer).
        Passed = "passed",
        /// The check failed (automatically or by a reviewer).
        Failed = "failed",
        /// The check found something a person must look at.
        NeedsReview = "needs_review",
        /// The check has not finished (or not started).
        Pending = "pending",
        /// The check does not apply or was skipped.
        Skipped = "skipped",
    }
}

common_enum! {
    /// What a check looks at.
    CheckKind {
        /// The identity document is genuine and readable.
        Document = "document",
        /// The selfie is of a live person who matches the document.
        Selfie = "selfie",
        /// The ID number matches its owner.
        IdNumber = "id_number",
        /// The identity data matches trusted records.
        IdentityRecord = "identity_record",
        /// Sanctions, politically exposed persons and similar lists.
        Watchlist = "watchlist",
        /// Fraud and risk signals (device, network, behaviour).
        Risk = "risk",
        /// The email address.
        Email = "email",
        /// The phone number.
        Phone = "phone",
    }
}
