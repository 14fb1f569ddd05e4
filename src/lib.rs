//! Burnrate: a cost and capacity planner for products that run on paid AI APIs.
//!
//! Three layers, one crate:
//! - [`engine`] is pure Rust: scenario types, price catalog, validation and
//!   every formula. The web app, the command line and the tests all call it.
//! - `chart` draws the charts with plotters for any drawing backend.
//! - `app` is the Leptos client-side app; it only exists in the wasm build,
//!   so native builds (command line, tests, benchmarks) never compile the
//!   web stack.

pub mod chart;
pub mod compare;
pub mod engine;
pub mod export;
pub mod format;
pub mod input;
pub mod keep;
pub mod model_table;
pub mod order;
pub mod saved;

#[cfg(target_arch = "wasm32")]
pub mod app;
