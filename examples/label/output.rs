//! Output files, made the way a careful Unix tool makes them.
//!
//! A file is written to a new temporary file in its directory (created exclusively, with an
//! unpredictable hidden name, so never through a planted symbolic link and never shared
//! with another run), synced, and renamed over the output's name only when complete. A run
//! killed at any moment leaves at most a hidden `.label-…` file behind, never a file with
//! the output's name that is half written. What is at the output's name must be a regular
//! file or nothing: a directory, a symbolic link, a device, a FIFO or a socket there is
//! refused before any work, and so is an output that names the input or the other output.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use crate::report::path_text;

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file, replaced whole.
    Path(PathBuf),
    /// Standard output (`-`): written once complete, from a temporary file.
    Stdout,
}

impl Target {
    /// `-` is standard output; anything else a file.
    pub fn from_arg(arg: std::ffi::OsString) -> Target {
        if arg == "-" {
            Target::Stdout
        } else {
            Target::Path(PathBuf::from(arg))
        }
    }

    /// How messages name it.
    pub fn name(&self) -> String {
        match self {
            Target::Path(path) => path_text(path),
            Target::Stdout => "standard output".to_owned(),
        }
    }

    /// Refuses a target that is not a regular file or nothing yet: what a rename would put
    /// out of the way (a symbolic link and what it points to, a device, a directory). `Err`
    /// holds the reason.
    pub fn check(&self) -> Result<(), String> {
        let Target::Path(path) = self else {
            return Ok(());
        };
        if path.as_os_str().is_empty() || path.file_name().is_none() {
            return Err(format!("{:?} does not name a file", path_text(path)));
        }
        let kind = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(format!("{}: {e}", path_text(path))),
            Ok(meta) => meta.file_type(),
        };
        let what = if kind.is_file() {
            return Ok(());
        } else if kind.is_symlink() {
            "a symbolic link; name the file it points to"
        } else if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file (a device, a FIFO or a socket); only `-` writes to standard output"
        };
        Err(format!("{} is {what}", path_text(path)))
    }

    /// Whether this target and `other` are one file: the same name once the directories are
    /// resolved, or (both existing) the same file under two names.
    pub fn same_as(&self, other: &Target) -> bool {
        match (self, other) {
            (Target::Stdout, Target::Stdout) => true,
            (Target::Path(a), Target::Path(b)) => same_file(a, b),
            _ => false,
        }
    }
}

/// Whether paths `a` and `b` name one file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b || resolved(a).is_some_and(|ra| resolved(b).is_some_and(|rb| ra == rb)) {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// `path` with its directory made absolute and free of `..` and links, or `None` when that
/// directory does not exist.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = directory(path).canonicalize().ok()?;
    Some(dir.join(name))
}

/// The directory a file named `path` is in (`.` for a bare name).
pub fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// An output being written: a temporary file that becomes the target by [`Pending::commit`],
/// or is deleted when dropped uncommitted.
pub struct Pending {
    target: Target,
    temp: Temp,
}

enum Temp {
    /// Beside the output, to be renamed over it.
    Named(tempfile::NamedTempFile),
    /// Unnamed (already unlinked), to be copied to standard output.
    Anonymous(File),
}

impl Pending {
    /// Creates the temporary file for `target`: in its directory, so that a directory that
    /// does not exist or cannot be written fails here, before any work.
    pub fn create(target: &Target) -> io::Result<Pending> {
        let temp = match target {
            Target::Path(path) => {
                let mut builder = tempfile::Builder::new();
                builder.prefix(".label-").suffix(".tmp");
                #[cfg(unix)]
                {
                    // As a new file would be: read-write for all, less the umask (tempfile's
                    // default, 0600, would leave the PDF unreadable to others).
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o666));
                }
                Temp::Named(
                    builder
                        .tempfile_in(directory(path))
                        .map_err(without_temp_name)?,
                )
            }
            Target::Stdout => Temp::Anonymous(tempfile::tempfile()?),
        };
        Ok(Pending {
            target: target.clone(),
            temp,
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut File {
        match &mut self.temp {
            Temp::Named(named) => named.as_file_mut(),
            Temp::Anonymous(file) => file,
        }
    }

    /// Flushes the written bytes to the disk; returns how many there are.
    pub fn sync(&mut self) -> io::Result<u64> {
        let file = self.file();
        file.sync_all()?;
        Ok(file.metadata()?.len())
    }

    /// Puts the written file in place: renames it over the target's name (and syncs the
    /// directory, so the rename survives a power cut), or copies it to standard output.
    /// Call [`Pending::sync`] first.
    pub fn commit(self) -> io::Result<()> {
        match (self.temp, &self.target) {
            (Temp::Named(named), Target::Path(path)) => {
                named.persist(path).map_err(|e| e.error)?;
                // Best effort: the file is in place whether or not the directory syncs.
                if let Ok(dir) = File::open(directory(path)) {
                    let _ = dir.sync_all();
                }
                Ok(())
            }
            (Temp::Anonymous(mut file), _) => {
                file.rewind()?;
                let mut out = io::stdout().lock();
                io::copy(&mut file, &mut out)?;
                out.flush()
            }
            (Temp::Named(_), Target::Stdout) => Err(io::Error::other("unreachable target")),
        }
    }
}

/// `e` without the temporary file's name that tempfile appends to its message (` at path
/// "…"`): messages name the output, not a file the user never asked for.
pub fn without_temp_name(e: io::Error) -> io::Error {
    let message = e.to_string();
    match message.rfind(" at path \"") {
        Some(at) => io::Error::new(e.kind(), &message[..at]),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_under_two_names_is_the_same_target() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        std::fs::write(&a, b"x").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let via_dotdot = sub.join("..").join("a.pdf");
        assert!(Target::Path(a.clone()).same_as(&Target::Path(via_dotdot)));
        let link = dir.path().join("hard.pdf");
        std::fs::hard_link(&a, &link).unwrap();
        assert!(Target::Path(a.clone()).same_as(&Target::Path(link)));
        assert!(!Target::Path(a.clone()).same_as(&Target::Path(dir.path().join("b.pdf"))));
        assert!(!Target::Path(a).same_as(&Target::Stdout));
        assert!(Target::Stdout.same_as(&Target::Stdout));
    }

    #[test]
    fn a_directory_or_a_link_at_the_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = |name: &str| Target::Path(dir.path().join(name));
        assert_eq!(target("new.pdf").check(), Ok(()));
        std::fs::write(dir.path().join("old.pdf"), b"x").unwrap();
        assert_eq!(target("old.pdf").check(), Ok(()));
        assert!(target("").check().unwrap_err().ends_with("is a directory"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("old.pdf", dir.path().join("link.pdf")).unwrap();
            let err = target("link.pdf").check().unwrap_err();
            assert!(
                err.ends_with("is a symbolic link; name the file it points to"),
                "{err}"
            );
        }
        assert!(Target::Stdout.check().is_ok());
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_and_a_committed_one_replaces_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.pdf");
        std::fs::write(&out, b"old").unwrap();
        let target = Target::Path(out.clone());
        let mut dropped = Pending::create(&target).unwrap();
        dropped.file().write_all(b"half").unwrap();
        drop(dropped);
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut kept = Pending::create(&target).unwrap();
        kept.file().write_all(b"new").unwrap();
        assert_eq!(kept.sync().unwrap(), 3);
        kept.commit().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
