//! The honest limit (DESIGN.md §7.5): anyone holding a pack can guess identifiers at the pack's
//! argon2 cost. This module measures what one guess costs on this computer and turns it into
//! what whole guessing attacks would cost, per identifier kind, so the app and `pack info` can
//! say it in plain words rather than in KiB and passes; and it says the same for an attacker
//! renting graphics cards ([`GpuCost`]), from a public benchmark scaled to the pack's cost.

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
    // Through its decimal form: scaling by a power of ten and back leaves binary noise that a
    // person would read (`3.3000000000000003 days`); the shortest decimal is exactly `3.3`.
    format!("{x:.1e}").parse().unwrap_or(x)
}

/// What one attack costs at some rate of guessing: on every core of this computer, or on one
/// graphics card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AttackCost {
    pub attack: Attack,
    pub seconds: f64,
}

/// The cost of every attack, given the measured time per guess on one core and the cores a
/// guesser would use (this computer's).
pub fn attack_costs(per_guess: Duration, cores: usize) -> Vec<AttackCost> {
    costs_at(cores.max(1) as f64 / per_guess.as_secs_f64().max(1e-9))
}

/// The cost of every attack at `rate` guesses a second.
fn costs_at(rate: f64) -> Vec<AttackCost> {
    ATTACKS
        .iter()
        .map(|attack| AttackCost {
            attack: *attack,
            seconds: attack.guesses / rate,
        })
        .collect()
}

/// A published speed of argon2id on one graphics card, at one memory size and number of passes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GpuBenchmark {
    pub device: &'static str,
    pub hashes_per_second: f64,
    pub m_kib: u32,
    pub t: u32,
    /// Where it was published, and when (ISO date).
    pub source: &'static str,
    pub date: &'static str,
}

/// hashcat's argon2id mode (34000), contributed by the Netherlands Forensic Institute and merged
/// on 2025-07-02 (https://github.com/hashcat/hashcat/pull/4284): its test hash, 64 MiB, 3 passes,
/// 1 lane, runs at 1,667 hashes a second on an NVIDIA GeForce RTX 4090 (536 on a GTX 1080 Ti). The
/// fastest card it lists, since an attacker rents the fastest. The source gives no rental price,
/// so none is shown: the time on one card says what a hundred rented cards would take.
pub const GPU_BENCHMARK: GpuBenchmark = GpuBenchmark {
    device: "NVIDIA GeForce RTX 4090",
    hashes_per_second: 1667.0,
    m_kib: 65_536,
    t: 3,
    source: "https://github.com/hashcat/hashcat/pull/4284",
    date: "2025-07-02",
};

/// The memory traffic of one argon2 hash, in KiB: the first pass reads one earlier block and
/// writes each new one (2 blocks moved per block), every later pass also reads the block it
/// overwrites (3), so m (3t - 1) in all. On a graphics card argon2 is bound by memory bandwidth,
/// not arithmetic: each 1 KiB block costs little compression work but a random access to memory
/// far larger than any cache. Guesses a second therefore scale with the inverse of this traffic,
/// the model Steve Thomas sizes argon2 settings by from a card's bandwidth
/// (https://tobtu.com/minimum-password-settings/, 2022-12-29). Lanes (p) split the same memory
/// and change nothing. Far below the benchmark's 64 MiB (the test profile's 256 KiB) the model
/// is rough, but such packs are labelled weak anyway.
fn memory_traffic(m_kib: u32, t: u32) -> f64 {
    f64::from(m_kib) * (3.0 * f64::from(t) - 1.0)
}

/// The honest limit for an attacker renting graphics cards: what one card of
/// [`GPU_BENCHMARK`]'s kind does at a pack's cost, and each attack on one such card.
#[derive(Debug, Clone, PartialEq)]
pub struct GpuCost {
    pub benchmark: GpuBenchmark,
    pub guesses_per_second: f64,
    pub attacks: Vec<AttackCost>,
}

impl GpuCost {
    /// [`GPU_BENCHMARK`] scaled to `cost` by its memory traffic.
    pub fn at(cost: Cost) -> GpuCost {
        let benchmark = GPU_BENCHMARK;
        let rate = benchmark.hashes_per_second * memory_traffic(benchmark.m_kib, benchmark.t)
            / memory_traffic(cost.m_kib.max(1), cost.t.max(1));
        GpuCost {
            benchmark,
            guesses_per_second: rate,
            attacks: costs_at(rate),
        }
    }

    /// Guesses a second on one card, to two significant figures: the figure the faces show.
    pub fn guesses_per_second_shown(&self) -> f64 {
        round_sensibly(self.guesses_per_second)
    }
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
        assert_eq!(Span::from_seconds(3.3 * 86_400.0 + 1.0).amount, 3.3);
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
    fn the_gpu_benchmark_stands_at_its_own_cost() {
        let at_benchmark = GpuCost::at(Cost {
            m_kib: GPU_BENCHMARK.m_kib,
            t: GPU_BENCHMARK.t,
            p: 1,
        });
        assert_eq!(at_benchmark.guesses_per_second, 1667.0);
        assert!((at_benchmark.attacks[0].seconds - 7.0e9 / 1667.0).abs() < 1.0);
    }

    /// Memory traffic m (3t - 1): half the memory, twice the guesses; from 3 passes to 2, 8/5 as
    /// many; lanes change nothing.
    #[test]
    fn gpu_guesses_scale_with_the_inverse_of_memory_traffic() {
        let rate = |m_kib, t, p| GpuCost::at(Cost { m_kib, t, p }).guesses_per_second;
        assert!((rate(32_768, 3, 1) - 2.0 * 1667.0).abs() < 1e-6);
        assert!((rate(65_536, 2, 1) - 1667.0 * 8.0 / 5.0).abs() < 1e-6);
        assert_eq!(rate(65_536, 3, 4), rate(65_536, 3, 1));
        let standard = GpuCost::at(crate::keys::cost::Profile::Standard.cost());
        assert_eq!(standard.guesses_per_second_shown(), 9_000.0);
        let strong = GpuCost::at(crate::keys::cost::Profile::Strong.cost());
        assert_eq!(strong.guesses_per_second_shown(), 1_700.0);
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
