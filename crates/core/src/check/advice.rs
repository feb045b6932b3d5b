//! What to do about what was found: advice per exposed class of data, then for everyone.

use super::Finding;
use crate::classes;

/// The advice for one exposed data class: a message id in the shared Fluent files.
pub fn advice_for(class: &str) -> Option<&'static str> {
    Some(match class {
        "national_ids" => "advice-national_ids",
        "passwords" => "advice-passwords",
        "police_records" => "advice-police_records",
        "phone_numbers" => "advice-phone_numbers",
        "physical_addresses" => "advice-physical_addresses",
        "dates_of_birth" => "advice-dates_of_birth",
        "email_addresses" => "advice-email_addresses",
        "delivery_records" => "advice-delivery_records",
        "usernames" => "advice-usernames",
        "ip_addresses" => "advice-ip_addresses",
        _ => return None,
    })
}

/// The advice for everyone something was found about, after the advice for each class.
pub const GENERAL_ADVICE: &str = "advice-general";

/// Advice for what a set of findings exposed, each class once, most harmful first, then the
/// [`GENERAL_ADVICE`]; none when nothing was found. Both faces show this list as it is.
pub fn advice(findings: &[Finding]) -> Vec<&'static str> {
    let all = classes::sorted(
        findings
            .iter()
            .flat_map(|f| f.data_classes.iter().map(String::as_str)),
    );
    let mut advice: Vec<&'static str> = all.iter().filter_map(|class| advice_for(class)).collect();
    if !findings.is_empty() {
        advice.push(GENERAL_ADVICE);
    }
    advice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classes::class_message;

    #[test]
    fn every_standard_class_has_a_name_and_most_have_advice() {
        for class in classes::STANDARD {
            assert_eq!(class_message(class).message_id, format!("class-{class}"));
        }
        assert_eq!(advice_for("names"), None, "a name alone needs no action");
        assert_eq!(advice_for("national_ids"), Some("advice-national_ids"));
    }
}
