//! End-to-end tests of the `exposure` binary: real processes, real files, real packs.
//!
//! The data is synthetic, made by the project's own generator (`exposure demo`), or written by
//! hand in the test when a test needs one precise shape.

mod batch;
mod build;
mod check;
mod compressed_and_encoded;
mod dumps;
mod info;
mod normalize;
mod opening;
mod privacy;
mod scale;
mod shapes;
mod shards;
mod sign;
mod sql;
mod support;
mod synth;
mod terminal;
mod upgrade;
