//! What several verbs print the same way: the names of kinds, classes, protections and
//! signatures in words, lists joined as the language joins them, numbers rounded for reading,
//! and text from a pack or a dump made safe to show.

use exposure_core::classes::class_message;
use exposure_core::identifier::Kind;
use exposure_core::keys::cost::Protection;
use exposure_core::l10n::Message;
use exposure_core::trust::SignatureStatus;

use crate::l10n::fl;

/// Text a pack, a plan or a dump supplied, escaped and on one line: a hostile file must not be
/// able to drive the terminal or forge a line of what Exposure prints.
pub use exposure_core::l10n::safe_line as untrusted;

/// "phone number", "national ID number"…
pub fn kind_label(kind: Kind) -> String {
    Message::new(kind.message_id()).to_string()
}

pub fn protection_label(protection: Protection) -> String {
    exposure_core::view::protection_message(protection).to_string()
}

pub fn signature_label(status: &SignatureStatus) -> String {
    status.message().to_string()
}

/// Items joined with the language's list separator (", " or "、").
pub fn join_list(items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .collect::<Vec<_>>()
        .join(&fl!("list-separator"))
}

/// Data classes by their names in words.
pub fn class_list(classes: &[String]) -> String {
    join_list(classes.iter().map(|c| class_message(c).to_string()))
}

/// Two decimals, for seconds and sizes.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
