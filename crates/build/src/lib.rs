//! The curator's side of Exposure: from leaked dumps to a signed-ready pack.
//!
//! A [`plan`] names the dump files and what their columns hold; each file is described by a
//! [`source::Source`] and read by the [`dump`] reader for its format; the [`pipeline`] normalizes
//! every row with the check path's own `identifier` code, derives its keys with the same `keys`
//! code, sorts them through [`spill`] files within a memory budget and hands them to the pack
//! writer; [`shard`] splits a build into parts built apart and merged; [`synth`] draws random keys
//! for synthetic packs that measure and test scale; [`upgrade`] rewrites a format 1 pack as
//! format 2 from its keys alone.
//!
//! The desktop app does not link this crate: checking needs only `exposure-core`.

pub mod dump;
pub mod pipeline;
pub mod plan;
pub mod shard;
pub mod source;
pub mod spill;
pub mod synth;
pub mod upgrade;

#[cfg(test)]
mod test_support;
