fn main() {
    // `tauri::generate_context!` embeds ui/dist; say how to make it rather than fail obscurely.
    let index = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !index.exists() {
        println!("cargo:warning=ui/dist/index.html is missing: run `make ui` (npm run build in ui/) first");
    }
    // The window's commands are listed once, in commands.txt: the app allows exactly these
    // (tests/tidy.rs checks the other places a name appears).
    println!("cargo:rerun-if-changed=commands.txt");
    let list = match std::fs::read_to_string("commands.txt") {
        Ok(text) => text,
        Err(e) => {
            println!("cargo:warning=src-tauri/commands.txt: {e}");
            std::process::exit(1);
        }
    };
    let names: Vec<&'static str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| &*Box::leak(l.to_string().into_boxed_str()))
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice()));
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
