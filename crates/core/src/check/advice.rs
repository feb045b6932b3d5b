//! What to do about what was found: advice per exposed class of data, then for everyone, naming
//! the official channels (hotlines, apps, credit reports) of the place the person most likely
//! lives.

use super::Finding;
use crate::classes;
use crate::identifier::Region;
use crate::l10n::Message;

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

/// Whose hotlines, apps and credit bureaus the advice names: each advice message selects its
/// sentences on the `channels` argument (`cn`, `hk`, `tw`, anything else for none in particular).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    MainlandChina,
    HongKong,
    Taiwan,
    /// No official channel is named: the advice says which kind of office to turn to.
    Elsewhere,
}

impl Channels {
    /// The channels of the check's region: the region the person's phone numbers are read in
    /// (`--region`, else the first pack's default region, else mainland China; see
    /// [`crate::check::input::region_for`]). That region says where the person, and the leak, most
    /// likely are; the language does not: Traditional Chinese is read in Taiwan, Hong Kong, Macau
    /// and abroad, English anywhere, and a hotline of the wrong place is no help.
    pub fn of(region: Region) -> Channels {
        match region.as_str() {
            "CN" => Channels::MainlandChina,
            "HK" => Channels::HongKong,
            "TW" => Channels::Taiwan,
            _ => Channels::Elsewhere,
        }
    }

    /// The value of the `channels` argument the advice messages select on.
    pub fn id(self) -> &'static str {
        match self {
            Channels::MainlandChina => "cn",
            Channels::HongKong => "hk",
            Channels::Taiwan => "tw",
            Channels::Elsewhere => "other",
        }
    }
}

/// Advice for what a set of findings exposed, each class once, most harmful first, then the
/// [`GENERAL_ADVICE`]; none when nothing was found. Each names the official channels of
/// `channels`. Both faces show this list as it is.
pub fn advice(findings: &[Finding], channels: Channels) -> Vec<Message> {
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
        .into_iter()
        .map(|id| Message::new(id).arg("channels", channels.id()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classes::class_message;
    use crate::l10n::{Lang, localizer_for};

    #[test]
    fn every_standard_class_has_a_name_and_most_have_advice() {
        for class in classes::STANDARD {
            assert_eq!(class_message(class).message_id, format!("class-{class}"));
        }
        assert_eq!(advice_for("names"), None, "a name alone needs no action");
        assert_eq!(advice_for("national_ids"), Some("advice-national_ids"));
    }

    #[test]
    fn the_region_of_the_check_picks_the_channels() {
        let region = |code: &str| code.parse::<Region>().unwrap();
        assert_eq!(Channels::of(region("CN")), Channels::MainlandChina);
        assert_eq!(Channels::of(region("hk")), Channels::HongKong);
        assert_eq!(Channels::of(region("TW")), Channels::Taiwan);
        assert_eq!(Channels::of(region("MO")), Channels::Elsewhere);
        assert_eq!(Channels::of(region("US")), Channels::Elsewhere);
    }

    /// The numbers a person would dial, in every language: the same channel whatever the
    /// language, none of one place in the advice of another.
    #[test]
    fn each_region_names_its_own_official_channels_in_every_language() {
        let cases: [(&str, Channels, &[&str], &[&str]); 4] = [
            (
                "advice-phone_numbers",
                Channels::MainlandChina,
                &["96110", "12321"],
                &["18222", "165"],
            ),
            (
                "advice-phone_numbers",
                Channels::HongKong,
                &["18222"],
                &["96110", "165"],
            ),
            (
                "advice-phone_numbers",
                Channels::Taiwan,
                &["165"],
                &["96110", "18222"],
            ),
            (
                "advice-phone_numbers",
                Channels::Elsewhere,
                &[],
                &["96110", "18222", "165"],
            ),
        ];
        for lang in Lang::ALL {
            for (id, channels, named, absent) in cases {
                let text =
                    localizer_for(lang).message(&Message::new(id).arg("channels", channels.id()));
                for number in named {
                    assert!(
                        text.contains(number),
                        "{lang:?} {channels:?} lacks {number}: {text}"
                    );
                }
                for number in absent {
                    assert!(
                        !text.contains(number),
                        "{lang:?} {channels:?} names {number}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn what_cannot_be_changed_is_said_so_with_what_to_watch_for() {
        let credit = [
            (Channels::MainlandChina, "pbccrc.org.cn"),
            (Channels::HongKong, "TransUnion"),
            (Channels::Taiwan, "JCIC"),
        ];
        for (channels, bureau) in credit {
            let text = localizer_for(Lang::En)
                .message(&Message::new("advice-national_ids").arg("channels", channels.id()));
            assert!(text.contains("cannot be changed"), "{text}");
            assert!(text.contains(bureau), "{channels:?} lacks {bureau}: {text}");
        }
        let birth = localizer_for(Lang::En)
            .message(&Message::new("advice-dates_of_birth").arg("channels", "cn"));
        assert!(birth.contains("cannot be changed"), "{birth}");
    }
}
