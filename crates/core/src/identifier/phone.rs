//! Placeholder replaced by the libphonenumber-equivalent port.
use std::str::FromStr;

use phonenumber::country::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(Id);

impl Region {
    pub const CN: Region = Region(Id::CN);
    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }
}
impl Default for Region {
    fn default() -> Self {
        Self::CN
    }
}
impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region code")]
pub struct UnknownRegion;
impl FromStr for Region {
    type Err = UnknownRegion;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Id::from_str(&s.to_ascii_uppercase())
            .map(Region)
            .map_err(|_| UnknownRegion)
    }
}
impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl<'de> serde::Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneRejection {
    NotANumber,
    InvalidCountryCode,
    TooShort,
    TooLong,
    InvalidLength,
    LocalOnly,
}

pub fn normalize(input: &str, region: Region) -> Result<String, PhoneRejection> {
    let n = phonenumber::parse(Some(region.0), input).map_err(|_| PhoneRejection::NotANumber)?;
    Ok(n.format().mode(phonenumber::Mode::E164).to_string())
}
