//! PNG output: an image per label (or per sheet), each written to a temporary file beside
//! the output as it is made, and all renamed into place together at the end, numbered from
//! the output's name: `labels.png` gives `labels-001.png`, `labels-002.png`, … (more digits
//! when there are more than 999). As with the PDF, a run killed at any moment leaves at
//! most hidden `.label-…` files, never an image under its name half written.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::output::{Target, directory, without_temp_name};
use crate::report::path_text;

/// Images being written.
pub struct Images {
    /// The output's name, from which the images' names are made.
    base: PathBuf,
    /// Each image's temporary file (closed: thousands of images hold no open files).
    files: Vec<tempfile::TempPath>,
    bytes: u64,
}

impl Images {
    /// Images to be named after `path`. A directory that cannot be written fails here,
    /// before any work.
    pub fn create(path: &Path) -> io::Result<Images> {
        let probe = temp_in(path)?;
        drop(probe);
        Ok(Images {
            base: path.to_owned(),
            files: Vec::new(),
            bytes: 0,
        })
    }

    /// Writes the next image to a temporary file and syncs it.
    pub fn add(&mut self, png: &[u8]) -> io::Result<()> {
        let mut temp = temp_in(&self.base)?;
        temp.write_all(png)?;
        temp.as_file().sync_all()?;
        self.bytes += png.len() as u64;
        self.files.push(temp.into_temp_path());
        Ok(())
    }

    /// The bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The name of image `n` (from 0) of `count`.
    fn name(&self, n: usize, count: usize) -> PathBuf {
        let width = count.to_string().len().max(3);
        let stem = self
            .base
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = self
            .base
            .extension()
            .map_or_else(|| "png".to_owned(), |e| e.to_string_lossy().into_owned());
        self.base
            .with_file_name(format!("{stem}-{:0width$}.{ext}", n + 1))
    }

    /// The names the images will have, first and last.
    pub fn names(&self) -> (String, String) {
        let count = self.files.len();
        let first = path_text(&self.name(0, count));
        let last = path_text(&self.name(count.saturating_sub(1), count));
        (first, last)
    }

    /// Puts every image in place, after checking that none of their names is taken by
    /// anything but a regular file (which is replaced); then removes the images an earlier,
    /// longer run left under this output's names (`labels-007.png` after a run of five, or
    /// `labels-0001.png` beside `labels-001.png`), so the output's images are exactly this
    /// run's; then syncs the directory. A failure part way says how many are in place.
    pub fn commit(self) -> io::Result<()> {
        let count = self.files.len();
        let names: Vec<PathBuf> = (0..count).map(|n| self.name(n, count)).collect();
        for name in &names {
            Target::Path(name.clone())
                .check()
                .map_err(io::Error::other)?;
        }
        let base = self.base.clone();
        for (placed, (file, name)) in self.files.into_iter().zip(&names).enumerate() {
            file.persist(name).map_err(|e| {
                io::Error::new(
                    e.error.kind(),
                    format!(
                        "{placed} of {count} images in place, then {}: {}",
                        path_text(name),
                        e.error
                    ),
                )
            })?;
        }
        remove_stale(&base, &names)?;
        if let Ok(dir) = File::open(directory(&base)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Removes the regular files beside `base` named as its images are (`STEM-DIGITS.EXT`,
/// three digits or more) that are not among `kept`.
fn remove_stale(base: &Path, kept: &[PathBuf]) -> io::Result<()> {
    let stem = base
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = base
        .extension()
        .map_or_else(|| "png".to_owned(), |e| e.to_string_lossy().into_owned());
    let prefix = format!("{stem}-");
    let suffix = format!(".{ext}");
    for entry in std::fs::read_dir(directory(base))? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(digits) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(&suffix))
        else {
            continue;
        };
        let numbered = digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit());
        let path = base.with_file_name(name);
        if numbered && entry.file_type()?.is_file() && !kept.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// A new hidden temporary file beside `path`, readable as a new file would be.
fn temp_in(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".label-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(directory(path))
        .map_err(without_temp_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_numbered_from_the_output_and_all_land_together() {
        let dir = tempfile::tempdir().unwrap();
        let mut images = Images::create(&dir.path().join("labels.png")).unwrap();
        for png in [b"one".as_slice(), b"two", b"three"] {
            images.add(png).unwrap();
        }
        assert_eq!(images.bytes(), 11);
        // Nothing under the images' names until the commit.
        let names = || {
            let mut names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with(".label-"))
                .collect();
            names.sort();
            names
        };
        assert!(names().is_empty());
        images.commit().unwrap();
        assert_eq!(
            names(),
            ["labels-001.png", "labels-002.png", "labels-003.png"]
        );
        assert_eq!(
            std::fs::read(dir.path().join("labels-003.png")).unwrap(),
            b"three"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn a_thousand_images_get_four_digits_and_a_directory_in_the_way_stops_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let images = Images {
            base: dir.path().join("x.png"),
            files: Vec::new(),
            bytes: 0,
        };
        assert_eq!(images.name(0, 1000), dir.path().join("x-0001.png"));
        assert_eq!(images.name(999, 1000), dir.path().join("x-1000.png"));
        let mut images = Images::create(&dir.path().join("y.png")).unwrap();
        images.add(b"a").unwrap();
        images.add(b"b").unwrap();
        std::fs::create_dir(dir.path().join("y-002.png")).unwrap();
        let err = images.commit().unwrap_err();
        assert!(err.to_string().ends_with("is a directory"), "{err}");
        // Nothing was renamed: the first image is not in place either.
        assert!(!dir.path().join("y-001.png").exists());
    }

    #[test]
    fn images_of_an_earlier_longer_run_are_removed_and_other_files_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "z-001.png",
            "z-004.png",
            "z-0002.png",
            "z-1.png",
            "z-notes.png",
            "zz-005.png",
        ] {
            std::fs::write(dir.path().join(name), b"old").unwrap();
        }
        let mut images = Images::create(&dir.path().join("z.png")).unwrap();
        images.add(b"a").unwrap();
        images.add(b"b").unwrap();
        images.commit().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "z-001.png",
                "z-002.png",
                "z-1.png",
                "z-notes.png",
                "zz-005.png"
            ]
        );
        assert_eq!(std::fs::read(dir.path().join("z-001.png")).unwrap(), b"a");
    }
}
