//! With the `split` feature, the web app's wasm keeps its relocations
//! (`--emit-relocs`): scripts/split-wasm (wasm-split-cli) reads them to cut
//! the module at the `lazy_part!` split points. Nothing else changes.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=burnrate-web=--emit-relocs");
    }
}
