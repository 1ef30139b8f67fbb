fn main() {
    // `tauri::generate_context!` embeds ui/dist; say how to make it rather than fail obscurely.
    let index = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !index.exists() {
        println!("cargo:warning=ui/dist/index.html is missing: run `make ui` (npm run build in ui/) first");
    }
    let manifest = tauri_build::AppManifest::new().commands(&[
        "overview",
        "view",
        "apply",
        "arrange",
        "place",
        "undo",
        "redo",
        "changed",
        "open_plan",
        "new_plan",
        "save_as",
        "recent_plans",
        "open_recent",
        "analysis",
        "simulate",
        "cancel_simulation",
        "exposure",
        "brief",
        "capacity",
        "level",
        "cancel_level",
        "accept_level",
        "discard_level",
        "clear_level",
        "import_plan",
        "export_plan",
    ]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
