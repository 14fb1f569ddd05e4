//! The shared cost engine: scenario types, price catalog, validation and
//! every formula of DESIGN.md. The web app, the command line and the tests
//! all call these functions.
//!
//! Pure Rust by design: nothing here may import `leptos`, `web_sys`, `gloo`,
//! `wasm_bindgen` or `plotters`. Deterministic, panic-free on any input that
//! passes `validate`, and tested natively with `cargo test`.

pub mod capacity;
pub mod catalog;
pub mod edit;
pub mod freeze;
pub mod limit_tiers;
pub mod limits;
pub mod link;
pub mod plan;
pub mod presets;
pub mod prices;
pub mod report;
pub mod scenario;
pub mod self_hosting;
pub mod switch;
pub mod validate;

pub use freeze::{Thawed, freeze_prices, thaw_prices};
pub use plan::{BreakEven, Costs, Plan, SweepPoint};
pub use report::{Report, evaluate};
pub use scenario::Scenario;
pub use validate::{Problem, Problems, decode};
