//! Prints shipping labels.
//!
//! ```text
//! cargo run --example label                                 # the built-in sample -> label.pdf
//! cargo run --example label -- orders.json -o labels.pdf    # one order or an array of orders
//! ```
//!
//! Invalid input prints every problem with its field path (and the order's index in an
//! array), writes nothing, and exits with status 1.

use std::path::PathBuf;
use std::process::ExitCode;

use shiplabel::{Label, Options, RenderError, ValidLabel};

/// The input file holds one order object or an array of them.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Input {
    Many(Vec<serde_json::Value>),
    One(Box<serde_json::Value>),
}

struct Args {
    input: Option<PathBuf>,
    output: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut output = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => {
                output = Some(PathBuf::from(args.next().ok_or("-o needs a file name")?))
            }
            "-h" | "--help" => return Err(String::new()),
            _ if input.is_none() && !arg.starts_with('-') => input = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let output = output.unwrap_or_else(|| {
        PathBuf::from(if input.is_some() {
            "labels.pdf"
        } else {
            "label.pdf"
        })
    });
    Ok(Args { input, output })
}

/// Parses and validates every order; `Err` holds one message per problem.
fn load(input: &Option<PathBuf>) -> Result<Vec<ValidLabel>, Vec<String>> {
    let Some(path) = input else {
        return Label::sample()
            .validate()
            .map(|l| vec![l])
            .map_err(|e| vec![e.to_string()]);
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    let (values, is_array) = match serde_json::from_str::<Input>(&text) {
        Ok(Input::Many(values)) => (values, true),
        Ok(Input::One(value)) => (vec![*value], false),
        Err(e) => return Err(vec![format!("{}: not JSON: {e}", path.display())]),
    };
    let mut labels = Vec::new();
    let mut problems = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        let prefix = if is_array {
            format!("[{index}] ")
        } else {
            String::new()
        };
        // serde_path_to_error names where in the order a shape error is
        // (`recipient.address: unknown field `postcod``).
        match serde_path_to_error::deserialize::<_, Label>(value) {
            Err(e) if e.path().to_string() == "." => {
                problems.push(format!("{prefix}{}", e.inner()))
            }
            Err(e) => problems.push(format!("{prefix}{}: {}", e.path(), e.inner())),
            Ok(label) => match label.validate() {
                Ok(valid) => labels.push(valid),
                Err(errors) => problems.extend(errors.iter().map(|e| format!("{prefix}{e}"))),
            },
        }
    }
    if problems.is_empty() {
        Ok(labels)
    } else {
        Err(problems)
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("usage: label [ORDERS.json] [-o OUT.pdf]");
            return ExitCode::from(2);
        }
    };
    let labels = match load(&args.input) {
        Ok(labels) => labels,
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            eprintln!("{} problem(s); nothing written", problems.len());
            return ExitCode::FAILURE;
        }
    };
    if labels.is_empty() {
        eprintln!("error: the input holds no orders; nothing written");
        return ExitCode::FAILURE;
    }
    let pdf = match shiplabel::render_pdf(&labels, &Options::default()) {
        Ok(pdf) => pdf,
        Err(RenderError::Layout(failures)) => {
            for f in &failures {
                eprintln!("error: [{}] order {}: {}", f.index, f.order, f.error);
            }
            eprintln!(
                "{} label(s) cannot be printed; nothing written",
                failures.len()
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing written");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&args.output, &pdf) {
        eprintln!("error: {}: {e}", args.output.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} ({} label{}, {} bytes)",
        args.output.display(),
        labels.len(),
        if labels.len() == 1 { "" } else { "s" },
        pdf.len()
    );
    ExitCode::SUCCESS
}
