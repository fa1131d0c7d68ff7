//! The programs the CI-only tests run: poppler, Ghostscript, MuPDF, zbar, qpdf.

use std::path::Path;
use std::process::Command;

/// Runs `program` with `args`; its standard output, or why it failed.
pub fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("{program}: {e} (is it installed?)"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The symbols of one symbology (`code128`, `qrcode`) that zbarimg finds in `image`, raw;
/// an error when it finds none.
pub fn zbar(image: &Path, symbology: &str) -> Result<String, String> {
    let enable = format!("-S{symbology}.enable");
    let image = image.to_str().ok_or("path is not UTF-8")?;
    run("zbarimg", &["--raw", "-q", "-Sdisable", &enable, image])
        .map(|s| s.trim_end_matches('\n').to_owned())
}
