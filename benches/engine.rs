//! Speed of the engine (criterion): `evaluate` of the largest preset (the
//! page re-runs it on every slider move) and a 1,000-point sweep (one chart
//! redraw). Figures go in the README.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use burnrate::engine::{Plan, Scenario, evaluate, link, presets};
    use criterion::Criterion;

    /// The preset with the most steps, where `evaluate` works hardest.
    fn largest_preset() -> Scenario {
        presets::all()
            .iter()
            .map(|p| p.scenario())
            .max_by_key(|s| s.features.iter().map(|f| f.steps.len()).sum::<usize>())
            .unwrap_or_default()
    }

    pub fn benches(c: &mut Criterion) {
        let scenario = largest_preset();
        c.bench_function("evaluate/largest_preset", |b| {
            b.iter(|| evaluate(black_box(&scenario)))
        });
        let plan = Plan::new(&scenario).expect("presets are valid");
        c.bench_function("sweep/1000_points", |b| {
            b.iter(|| black_box(&plan).sweep(1.0, 1e7, 1000))
        });
        c.bench_function("break_even_users/largest_preset", |b| {
            b.iter(|| black_box(&plan).break_even_users())
        });
        let url = link::encode(&scenario);
        c.bench_function("link/decode_largest_preset", |b| {
            b.iter(|| link::decode(black_box(&url)))
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(engine, native::benches);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(engine);

#[cfg(target_arch = "wasm32")]
fn main() {}
