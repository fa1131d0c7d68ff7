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
    /// anything but a regular file (which is replaced); then syncs the directory.
    pub fn commit(self) -> io::Result<()> {
        let count = self.files.len();
        let names: Vec<PathBuf> = (0..count).map(|n| self.name(n, count)).collect();
        for name in &names {
            Target::Path(name.clone())
                .check()
                .map_err(io::Error::other)?;
        }
        for (file, name) in self.files.into_iter().zip(&names) {
            file.persist(name).map_err(|e| e.error)?;
        }
        if let Ok(dir) = File::open(directory(&self.base)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
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
}
