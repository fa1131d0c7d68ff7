//! Checks a whole export of addresses before printing, one JSON object per line.
//!
//! ```text
//! cargo run --release --example validate -- addresses.jsonl > report.jsonl
//! ```
//!
//! Each input line is `{"id": "...", "name": "...", "company": "...", "address": {...}}`
//! (`id` and `company` optional; the address object is the one orders use). Each output line,
//! in input order, is
//! `{"id": ..., "valid": true|false, "errors": [{"field", "code", "message"}], "formatted": "line\n…\nCOUNTRY" | null}`.
//! A line that is not such an object (a blank line included) gets an error object of its own
//! and the rest still run, so output line N always reports input line N; so does a line
//! longer than `shiplabel::MAX_JSON_BYTES`, which is skipped without being held in memory.
//! A key given twice in one object is an error (`invalid_shape`), never a silently chosen
//! value. The exit status is 0 when every address is valid, 1 when any is not, 2 when the
//! file cannot be read or the report cannot be written. The file name may be any bytes.

use std::io::{BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use shiplabel::{Address, MAX_JSON_BYTES, Party};

/// One input line. Other top-level fields of an export (an email, an order id) are ignored;
/// inside the address, an unknown field is an error, so a typo such as `postcod` is caught.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Value>,
    name: String,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    address: Address,
}

/// The report for one line.
fn check(line: &str) -> (Report, bool) {
    let value: Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(e) => {
            return (
                report(
                    Value::Null,
                    vec![error(None, "malformed_json", &e.to_string())],
                    None,
                ),
                false,
            );
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    // Read from the text, not from `value`: a `Value` keeps the last of a repeated key,
    // and the record's own reading refuses one.
    let mut parser = serde_json::Deserializer::from_str(line);
    let record: Record = match serde_path_to_error::deserialize(&mut parser) {
        Ok(record) => record,
        Err(e) => {
            let path = e.path().to_string();
            let field = (path != ".").then_some(path);
            return (
                report(
                    id,
                    vec![error(field, "invalid_shape", &shape_message(e.inner()))],
                    None,
                ),
                false,
            );
        }
    };
    let mut party = Party::new(record.name, record.address);
    party.company = record.company;
    party.phone = record.phone;
    match party.validate() {
        Ok(valid) => (
            report(
                record.id.unwrap_or(Value::Null),
                Vec::new(),
                Some(valid.lines().join("\n")),
            ),
            true,
        ),
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| error(Some(e.field().to_owned()), e.kind().code(), e.message()))
                .collect();
            (
                report(record.id.unwrap_or(Value::Null), errors, None),
                false,
            )
        }
    }
}

/// serde_json's message for a value of the wrong shape, without the position it adds (the
/// line is the report's).
fn shape_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    message
        .strip_suffix(&position)
        .map_or(message.clone(), str::to_owned)
}

/// One output line, its keys in this order.
#[derive(Serialize)]
struct Report {
    id: Value,
    valid: bool,
    errors: Vec<Problem>,
    formatted: Option<String>,
}

#[derive(Serialize)]
struct Problem {
    field: Option<String>,
    code: String,
    message: String,
}

fn error(field: Option<String>, code: &str, message: &str) -> Problem {
    Problem {
        field,
        code: code.to_owned(),
        message: message.to_owned(),
    }
}

fn report(id: Value, errors: Vec<Problem>, formatted: Option<String>) -> Report {
    Report {
        id,
        valid: errors.is_empty(),
        errors,
        formatted,
    }
}

/// One line of the input.
enum Line {
    Text(String),
    /// Longer than [`MAX_JSON_BYTES`]: the rest of it was read and dropped.
    TooLong,
    NotUtf8,
    End,
}

/// Reads one line, holding at most [`MAX_JSON_BYTES`] of it.
fn read_line(input: &mut impl BufRead) -> std::io::Result<Line> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_JSON_BYTES).map_or(u64::MAX, |max| max.saturating_add(1));
    let read = input.by_ref().take(limit).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    } else if bytes.len() > MAX_JSON_BYTES {
        // Skip to the end of the line, a buffer at a time.
        loop {
            let buffer = input.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            match buffer.iter().position(|&b| b == b'\n') {
                Some(at) => {
                    input.consume(at + 1);
                    break;
                }
                None => {
                    let all = buffer.len();
                    input.consume(all);
                }
            }
        }
        return Ok(Line::TooLong);
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(String::from_utf8(bytes).map_or(Line::NotUtf8, Line::Text))
}

/// Writes `text` as one line to standard error, control characters escaped (a file name
/// may hold an escape sequence); a failure to write is ignored.
fn say(text: &str) {
    let mut shown = String::new();
    for c in text.chars() {
        if c.is_control() {
            shown.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    let _ = writeln!(std::io::stderr().lock(), "{shown}");
}

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        say("usage: validate ADDRESSES.jsonl");
        return ExitCode::from(2);
    };
    // The name as given, its bytes that are not UTF-8 replaced, for messages only.
    let name = path.to_string_lossy().into_owned();
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => {
            say(&format!("error: {name}: {e}"));
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut all_valid = true;
    let mut input = std::io::BufReader::new(file);
    for n in 1.. {
        let line = match read_line(&mut input) {
            Ok(Line::End) => break,
            Ok(Line::Text(line)) => Ok(line),
            Ok(Line::TooLong) => Err(error(
                None,
                "line_too_long",
                &format!("line {n}: longer than {MAX_JSON_BYTES} bytes"),
            )),
            Ok(Line::NotUtf8) => Err(error(
                None,
                "not_utf8",
                &format!("line {n}: stream did not contain valid UTF-8"),
            )),
            Err(e) => {
                say(&format!("error: {name}: {e}"));
                return ExitCode::from(2);
            }
        };
        let (report, valid) = match line {
            Ok(line) if line.trim().is_empty() => (
                report(
                    Value::Null,
                    vec![error(None, "empty_line", "the line is empty")],
                    None,
                ),
                false,
            ),
            Ok(line) => check(&line),
            // One bad line is reported and the rest still run.
            Err(problem) => (report(Value::Null, vec![problem], None), false),
        };
        all_valid &= valid;
        let written = serde_json::to_writer(&mut out, &report).is_ok() && writeln!(out).is_ok();
        if !written {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
