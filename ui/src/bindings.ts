// Generated from crates/core/src/view.rs by `cargo test -p exposure-core` with UPDATE_BINDINGS=1.
// Do not edit: a test fails when this file and the Rust types differ.

export type MessageArg = string | number;

export type Lang = "en" | "zh-CN" | "zh-TW";

export const LANGS: readonly Lang[] = ["en", "zh-CN", "zh-TW"];

export type Kind = "phone" | "national_id" | "name_dob" | "email" | "username";

export type Protection = "weak" | "standard" | "strong";

export type Origin = "command_line" | "user_folder" | "beside_app" | "added" | "demo";

export type SignatureState = "trusted" | "unknown_signer" | "unsigned";

export type Message = { messageId: string, args: Record<string, MessageArg>, };

export type LocalizedText = { en: string, "zh-CN": string, "zh-TW": string, };

export type ClassView = { id: string, label: Message, };

export type BreachView = { id: string, title: LocalizedText, description: LocalizedText, date: string | null, records: number, dataClasses: Array<ClassView>, };

export type SignatureView = { status: SignatureState, 
/**
 * The signing key's id, as minisign shows it.
 */
keyId: string | null, label: Message, };

export type PackView = { id: string, title: LocalizedText, curator: string, 
/**
 * RFC 3339.
 */
created: string, entries: number, protection: Protection, 
/**
 * The protection in words ("weak protection").
 */
protectionLabel: Message, 
/**
 * Built from synthetic people: the UI says so wherever the pack appears.
 */
demo: boolean, 
/**
 * Written by `pack synth` from random keys, to measure scale: the UI says so too.
 */
synthetic: boolean, 
/**
 * The pack's format (1 or 2): a format 1 pack is labelled as old wherever it appears.
 */
formatVersion: number, origin: Origin, path: string, signature: SignatureView, breaches: Array<BreachView>, };

export type RefusalView = { path: string, reason: Message, 
/**
 * The person added this path (a pack whose file is gone since, say): it can be forgotten.
 */
forgettable: boolean, };

export type LibraryView = { packs: Array<PackView>, refused: Array<RefusalView>, 
/**
 * Folders the person added, read at every start: packs put in them later are used too.
 */
folders: Array<string>, };

export type InputKind = "phone" | "national_id" | "name" | "dob" | "email" | "username";

export type FieldValue = { kind: InputKind, value: string, };

export type InputView = { kind: Kind, 
/**
 * Set when the input could not be checked.
 */
invalid: Message | null, };

export type FindingView = { packId: string, packTitle: LocalizedText, breachId: string, title: LocalizedText, description: LocalizedText, date: string | null, 
/**
 * The input kinds that matched.
 */
matched: Array<Kind>, 
/**
 * Those of `matched` found only in the Simplified form of a name typed in Traditional
 * characters.
 */
matchedInSimplified: Array<Kind>, 
/**
 * What the matched records held about this person.
 */
dataClasses: Array<ClassView>, 
/**
 * What the breach exposed overall.
 */
breachDataClasses: Array<ClassView>, demo: boolean, };

export type CheckView = { 
/**
 * How many identifiers were checked (the valid ones).
 */
checked: number, packs: number, inputs: Array<InputView>, findings: Array<FindingView>, 
/**
 * Advice for each exposed data class, most harmful first, then general advice.
 */
advice: Array<Message>, };

export type AttackView = { kind: Kind, attack: Message, time: Message, };

export type GuessCostView = { packId: string, msPerGuess: number, cores: number, attacks: Array<AttackView>, gpu: GpuCostView, };

export type GpuCostView = { device: string, 
/**
 * Guesses a second on one card, to two significant figures.
 */
guessesPerSecond: number, source: string, date: string, attacks: Array<AttackView>, };
