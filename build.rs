//! Embeds `controls/*.yaml` and `report-templates/` in the binary so the installed
//! tool works from any directory. The lists are generated here so a new catalog or
//! template file needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=controls");
    let dir = Path::new("controls");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// The built-in catalog files: (file name, text).\n");
    out.push_str("pub(crate) const BUILTIN_CATALOG: &[(&str, &str)] = &[\n");
    for name in &files {
        println!("cargo:rerun-if-changed=controls/{name}");
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/controls/{name}\"))),"
        );
    }
    out.push_str("];\n");
    write("builtin_catalog.rs", &out);
    templates();
}

/// `report-templates/**`: (path relative to the folder, `/`-separated, text).
fn templates() {
    println!("cargo:rerun-if-changed=report-templates");
    let root = Path::new("report-templates");
    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort();
    let mut out = String::from("/// The built-in report templates: (relative path, text).\n");
    out.push_str("pub(crate) const BUILTIN_TEMPLATES: &[(&str, &str)] = &[\n");
    for name in &files {
        println!("cargo:rerun-if-changed=report-templates/{name}");
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/report-templates/{name}\"))),"
        );
    }
    out.push_str("];\n");
    write("builtin_templates.rs", &out);
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.starts_with('.') && !rel.ends_with("README.md") {
                files.push(rel);
            }
        }
    }
}

fn write(name: &str, text: &str) {
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join(name);
    if let Err(e) = std::fs::write(&target, text) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
