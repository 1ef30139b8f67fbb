//! Bridger's core: the plan model, its file, and every analysis of it.
//!
//! Nothing here knows about Tauri or a window. The `bridger` CLI and the desktop shell both
//! call this crate; see ARCHITECTURE.md for the map and the invariants.

pub mod api;
pub mod assessment;
pub mod brief;
pub mod capacity;
pub mod drift;
pub mod edit;
pub mod findings;
pub mod gen;
pub mod graph;
pub mod health;
pub mod io;
pub mod layout;
pub mod model;
pub mod priorities;
pub mod report;
pub mod review;
pub mod risk;
pub mod rollout;
pub mod schedule;
pub mod sites;
pub mod store;
pub mod words;

/// The demo plan (`api::demo`): data files read through the same doors as a user's.
pub use api::demo;
