//! The web app's entry point: panic hook and mount, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(burnrate::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "burnrate-web is the browser app; build it with `trunk build --release`. \
         For the command line, run `burnrate`."
    );
    std::process::exit(1);
}
