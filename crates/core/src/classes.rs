//! Data classes: what kind of personal data a breach exposed (DESIGN.md §4).
//!
//! A pack stores, for each entry, the classes present in the matched record as a bit set; the
//! bit numbering is stored in the pack itself, so plans can declare classes of their own without a
//! format change.

use crate::l10n::Message;

/// The stable class ids, in the order reports list them (most harmful first).
pub const STANDARD: [&str; 12] = [
    "national_ids",
    "passwords",
    "police_records",
    "phone_numbers",
    "physical_addresses",
    "dates_of_birth",
    "names",
    "email_addresses",
    "delivery_records",
    "ip_addresses",
    "usernames",
    "genders",
];

/// A bit set has 64 bits.
pub const MAX_CLASSES: usize = 64;

/// `snake_case`: a lowercase ASCII letter, then lowercase letters, digits and single underscores.
pub fn is_class_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        && !id.ends_with('_')
        && !id.contains("__")
}

/// Where a class sorts in reports: standard classes by harm, then declared ones by name.
pub fn rank(id: &str) -> (usize, &str) {
    (
        STANDARD
            .iter()
            .position(|s| *s == id)
            .unwrap_or(STANDARD.len()),
        id,
    )
}

/// Sorts class ids for display and removes duplicates.
pub fn sorted<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut ids: Vec<&str> = ids.into_iter().collect();
    ids.sort_by_key(|id| rank(id));
    ids.dedup();
    ids.into_iter().map(str::to_owned).collect()
}

/// The bit numbering of one pack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassTable {
    ids: Vec<String>,
}

impl ClassTable {
    /// `None` when an id repeats, is not snake_case, or there are more than 64.
    pub fn new(ids: Vec<String>) -> Option<ClassTable> {
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        (ids.len() <= MAX_CLASSES
            && unique.len() == ids.len()
            && ids.iter().all(|id| is_class_id(id)))
        .then_some(ClassTable { ids })
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn bit(&self, id: &str) -> Option<u64> {
        self.ids.iter().position(|c| c == id).map(|i| 1u64 << i)
    }

    /// The ids whose bits are set, sorted for display. Unknown bits are ignored.
    pub fn decode(&self, bits: u64) -> Vec<String> {
        sorted(
            self.ids
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1u64 << i) != 0)
                .map(|(_, id)| id.as_str()),
        )
    }
}

/// The message naming a data class (custom classes show their id).
pub fn class_message(class: &str) -> Message {
    if STANDARD.contains(&class) {
        Message::new(match class {
            "national_ids" => "class-national_ids",
            "passwords" => "class-passwords",
            "police_records" => "class-police_records",
            "phone_numbers" => "class-phone_numbers",
            "physical_addresses" => "class-physical_addresses",
            "dates_of_birth" => "class-dates_of_birth",
            "names" => "class-names",
            "email_addresses" => "class-email_addresses",
            "delivery_records" => "class-delivery_records",
            "ip_addresses" => "class-ip_addresses",
            "usernames" => "class-usernames",
            _ => "class-genders",
        })
    } else {
        Message::new("class-other").arg("id", class.replace('_', " "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_ids_are_snake_case() {
        for ok in ["names", "phone_numbers", "bank_accounts", "x1"] {
            assert!(is_class_id(ok), "{ok}");
        }
        for bad in ["", "Names", "1abc", "a-b", "a__b", "a_", "名字", "a b"] {
            assert!(!is_class_id(bad), "{bad}");
        }
    }

    #[test]
    fn bits_round_trip_in_display_order() {
        let table = ClassTable::new(vec![
            "names".into(),
            "national_ids".into(),
            "bank_accounts".into(),
        ])
        .unwrap();
        let bits = table.bit("names").unwrap()
            | table.bit("bank_accounts").unwrap()
            | table.bit("national_ids").unwrap();
        assert_eq!(
            table.decode(bits),
            ["national_ids", "names", "bank_accounts"]
        );
    }

    #[test]
    fn a_table_refuses_duplicates_and_bad_ids() {
        assert!(ClassTable::new(vec!["names".into(), "names".into()]).is_none());
        assert!(ClassTable::new(vec!["Bad".into()]).is_none());
        assert!(ClassTable::new((0..65).map(|i| format!("c{i}")).collect()).is_none());
    }
}
