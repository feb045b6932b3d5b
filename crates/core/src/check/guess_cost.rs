//! The honest limit (DESIGN.md §7.5): anyone holding a pack can guess identifiers at the pack's
//! argon2 cost. This module measures what one guess costs on this computer and turns it into
//! what whole guessing attacks would cost, per identifier kind, so the app and `pack info` can
//! say it in plain words rather than in KiB and passes.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::identifier::{Kind, Normalizer, Region};
use crate::keys::cost::Cost;
use crate::keys::{Deriver, KeyError, Salt};
use crate::l10n::Message;

/// Seconds per guess on one core, measured now: the median of a few hashes after a warm-up, so
/// a page-faulting first hash or a busy moment does not set the figure.
pub fn measure(cost: Cost) -> Result<Duration, KeyError> {
    let deriver = Deriver::new(Salt([0x5A; 16]), cost)?;
    let probe = Normalizer::new(Region::CN)
        .normalize(Kind::Username, "exposure-cost-probe")
        .expect("a valid username");
    deriver.derive(&probe);
    let mut samples = Vec::new();
    let started = Instant::now();
    while samples.len() < 3
        || (samples.len() < 15 && started.elapsed() < Duration::from_millis(300))
    {
        let t = Instant::now();
        deriver.derive(&probe);
        samples.push(t.elapsed());
    }
    crate::keys::release_thread();
    samples.sort();
    Ok(samples[samples.len() / 2])
}

/// A guessing attack on one kind of identifier, with its number of guesses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Attack {
    pub kind: Kind,
    /// Fluent id describing the attack in plain words.
    pub message_id: &'static str,
    pub guesses: f64,
}

/// Days in a hundred years: the dates of birth a guesser must try for one name.
const BIRTH_DATES: f64 = 36_525.0;

/// The attacks `pack info` and the app describe, per kind.
pub const ATTACKS: [Attack; 6] = [
    // 11-digit mobile numbers start 13 to 19: 7 × 10⁹ numbers.
    Attack {
        kind: Kind::Phone,
        message_id: "attack-all-mobiles",
        guesses: 7.0e9,
    },
    // About 3,000 county codes in use × 100 years of birth dates × 1,000 sequence numbers.
    Attack {
        kind: Kind::NationalId,
        message_id: "attack-all-national-ids",
        guesses: 3_000.0 * BIRTH_DATES * 1_000.0,
    },
    // Someone who knows a person's county and birthday tries the sequence numbers: 1,000.
    Attack {
        kind: Kind::NationalId,
        message_id: "attack-one-national-id",
        guesses: 1_000.0,
    },
    Attack {
        kind: Kind::NameDob,
        message_id: "attack-known-name",
        guesses: BIRTH_DATES,
    },
    Attack {
        kind: Kind::Email,
        message_id: "attack-one-million-emails",
        guesses: 1.0e6,
    },
    Attack {
        kind: Kind::Username,
        message_id: "attack-one-person",
        guesses: 1.0,
    },
];

/// A span of time rounded the way people say it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    pub unit: &'static str,
    pub amount: f64,
}

impl Span {
    pub fn from_seconds(seconds: f64) -> Span {
        const UNITS: [(&str, f64); 5] = [
            ("years", 365.25 * 86_400.0),
            ("days", 86_400.0),
            ("hours", 3_600.0),
            ("minutes", 60.0),
            ("seconds", 1.0),
        ];
        for (unit, size) in UNITS {
            if seconds >= size {
                return Span {
                    unit,
                    amount: round_sensibly(seconds / size),
                };
            }
        }
        Span {
            unit: "seconds",
            amount: round_sensibly(seconds),
        }
    }

    pub fn message(self) -> Message {
        Message::new(match self.unit {
            "years" => "span-years",
            "days" => "span-days",
            "hours" => "span-hours",
            "minutes" => "span-minutes",
            _ => "span-seconds",
        })
        .arg("n", self.amount)
    }
}

/// Two significant figures: "about 1.3 hours", "about 4,700 years".
fn round_sensibly(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 0.0;
    }
    let exponent = x.log10().floor() as i32 - 1;
    // A power of ten is exact only as a whole number: dividing by 1000 gives the double nearest
    // 0.02, multiplying by 0.001 (itself inexact) gives 0.020000000000000004.
    let scale = 10f64.powi(exponent.abs());
    if exponent < 0 {
        (x * scale).round() / scale
    } else {
        (x / scale).round() * scale
    }
}

/// What one attack costs on this computer, on every core.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AttackCost {
    pub attack: Attack,
    pub seconds: f64,
}

/// The cost of every attack, given the measured time per guess on one core and the cores a
/// guesser would use (this computer's).
pub fn attack_costs(per_guess: Duration, cores: usize) -> Vec<AttackCost> {
    let rate = cores.max(1) as f64 / per_guess.as_secs_f64().max(1e-9);
    ATTACKS
        .iter()
        .map(|attack| AttackCost {
            attack: *attack,
            seconds: attack.guesses / rate,
        })
        .collect()
}

/// The honest limit at one pack's cost, measured now on this computer: what one guess takes on
/// one core, the cores a guesser here would use, and what each attack would cost on all of them.
/// Both faces show this very value, rounded the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct GuessCost {
    pub per_guess: Duration,
    pub cores: usize,
    pub attacks: Vec<AttackCost>,
}

impl GuessCost {
    /// Measures one guess at `cost` on this computer, and costs every attack on all its cores.
    pub fn measure(cost: Cost) -> Result<GuessCost, KeyError> {
        let per_guess = measure(cost)?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Ok(GuessCost::new(per_guess, cores))
    }

    pub fn new(per_guess: Duration, cores: usize) -> GuessCost {
        GuessCost {
            per_guess,
            cores,
            attacks: attack_costs(per_guess, cores),
        }
    }

    /// Milliseconds per guess on one core, to two decimals: the figure the faces show.
    pub fn ms_per_guess(&self) -> f64 {
        (self.per_guess.as_secs_f64() * 100_000.0).round() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_people_say_them() {
        assert_eq!(
            Span::from_seconds(0.02),
            Span {
                unit: "seconds",
                amount: 0.02
            }
        );
        assert_eq!(
            Span::from_seconds(90.0),
            Span {
                unit: "minutes",
                amount: 1.5
            }
        );
        assert_eq!(
            Span::from_seconds(7_200.0),
            Span {
                unit: "hours",
                amount: 2.0
            }
        );
        let years = Span::from_seconds(7.0e9 * 0.02 / 2.0);
        assert_eq!(years.unit, "years");
        assert_eq!(years.amount, 2.2);
    }

    #[test]
    fn attack_costs_scale_with_cores_and_guess_time() {
        let one = attack_costs(Duration::from_millis(20), 1);
        let two = attack_costs(Duration::from_millis(20), 2);
        assert_eq!(one[0].attack.kind, Kind::Phone);
        assert!((one[0].seconds - 7.0e9 * 0.02).abs() < 1.0);
        assert!((two[0].seconds * 2.0 - one[0].seconds).abs() < 1.0);
    }

    #[test]
    fn the_time_per_guess_is_shown_in_milliseconds_to_two_decimals() {
        let cost = GuessCost::new(Duration::from_micros(18_456), 2);
        assert_eq!(cost.ms_per_guess(), 18.46);
        assert_eq!(cost.attacks, attack_costs(Duration::from_micros(18_456), 2));
    }

    #[test]
    fn every_kind_has_an_attack() {
        for kind in Kind::ALL {
            assert!(ATTACKS.iter().any(|a| a.kind == kind), "{kind}");
        }
    }

    #[test]
    fn measuring_gives_a_positive_time() {
        assert!(measure(crate::keys::cost::Profile::Test.cost()).unwrap() > Duration::ZERO);
    }
}
