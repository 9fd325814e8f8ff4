//! [`split_date`]: a calendar date from the separate day, month and year numbers some
//! vendors send (Stripe's dates of birth, expiry and issue dates).

/// The date of `year`, `month` and `day` when all three are given and name a real date
/// (`None` for a partial date, such as a birth date with no year, or an impossible one).
///
/// ```
/// use kycgen_runtime::split_date;
/// assert_eq!(split_date(Some(1990), Some(2), Some(28)).map(|d| d.to_string()).as_deref(), Some("1990-02-28"));
/// assert_eq!(split_date(None, Some(2), Some(28)), None);
/// assert_eq!(split_date(Some(1990), Some(2), Some(30)), None);
/// assert_eq!(split_date(Some(100_000), Some(1), Some(1)), None);
/// ```
pub fn split_date(year: Option<i64>, month: Option<i64>, day: Option<i64>) -> Option<jiff::civil::Date> {
    let year = i16::try_from(year?).ok()?;
    let month = i8::try_from(month?).ok()?;
    let day = i8::try_from(day?).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}
