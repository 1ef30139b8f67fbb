//! MPXJ (PyPI `mpxj`, Java 17) for the tests that check Bridger's files against it: the venv
//! at target/mpxj-venv, made here when missing. Included with `#[path]` by the tests that
//! need it, so the other test binaries do not carry it.

use std::path::PathBuf;
use std::process::Command;

const MPXJ: &str = "mpxj==16.10.0";
const JPYPE: &str = "JPype1==1.7.1";

/// The venv's python, with MPXJ installed (installed now when it is not).
pub fn python() -> PathBuf {
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/mpxj-venv");
    let py = venv.join("bin/python");
    let ready = py.exists() && Command::new(&py).args(["-c", "import mpxj, jpype"]).status().is_ok_and(|s| s.success());
    if !ready {
        let ok = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().unwrap().success();
        assert!(ok, "python3 -m venv {} failed (is python3-venv installed?)", venv.display());
        let ok = Command::new(&py).args(["-m", "pip", "install", "-q", MPXJ, JPYPE]).status().unwrap().success();
        assert!(ok, "pip install {MPXJ} {JPYPE} failed");
    }
    py
}
