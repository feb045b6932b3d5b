//! `exposure pack …`: the verbs on a pack file, one module each.

pub mod info;
pub mod merge;
pub mod sign;
pub mod synth;
pub mod upgrade;
pub mod verify;
