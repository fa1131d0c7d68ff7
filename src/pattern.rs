//! The patterns of the crate's data, matched as written: the tracking-number formats
//! (`src/carrier/data/`) and the address data's postcode patterns, a country's and its
//! regions'.
//!
//! The tracking dataset's regexes use lookahead (`(?=…)`, `(?!…)`: USPS IMpb ties the ZIP
//! prefix to the serial's length with it, DHL eCommerce asks for a digit somewhere), which
//! small regex engines do not have. Rewriting them by hand would change what they accept, so
//! this small backtracking matcher runs the subset the data uses, unchanged: literals,
//! classes (`[A-Z0-9]`, `[^…]`, `\d`, `\s`, `.`), groups (capturing, `(?:…)`, named
//! `(?<Name>…)`), alternation, greedy quantifiers (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`),
//! lookahead and `\b`, `^`, `$` (`\d` and `\b` in ASCII, as the data means them). A pattern
//! always matches the whole input; tests check that every pattern of the data parses, and
//! that the postcode patterns match exactly as a regex engine (`regex-lite`) matches them.
//!
//! Most inputs are turned down before any matching: each pattern knows the lengths, bytes,
//! first and last bytes its matches can have, and each alternative the bytes it can start
//! with (identifying a carrier tries every format; the United Kingdom's postcode pattern is
//! a list of 120 area prefixes).
//!
//! Inputs are short (a tracking number, at most 40 characters; a postcode) and every match
//! runs under a step budget, so no input can make it slow.

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// One byte, exactly.
    Byte(u8),
    /// A byte of the set (a class, `[…]`, `[^…]`, `\d`, `\s`, `.`).
    Class(Bytes),
    /// `\b`: a word character on one side only.
    WordBoundary,
    /// `^`: the start of the input.
    Start,
    /// `$`: the end of the input.
    End,
    /// A group of alternatives, capturing into `capture` when it has a slot.
    Group {
        alts: Vec<Seq>,
        capture: Option<usize>,
    },
    /// `(?=…)` or, negated, `(?!…)`: looks ahead without consuming; `captures`: whether
    /// a group in it captures (whose spans the look then keeps apart).
    Look {
        alts: Vec<Seq>,
        negated: bool,
        captures: bool,
    },
    /// A greedy repetition.
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// One alternative: its elements in order, and what a match of it can start with (so the
/// matcher passes over an alternative that cannot start where it is, as most of a long
/// list of literal prefixes cannot).
#[derive(Debug, Clone, PartialEq)]
struct Seq {
    nodes: Vec<Node>,
    /// What a match of it is like (its groups' shapes come from their own alternatives',
    /// each worked out once).
    shape: Shape,
}

impl Seq {
    fn new(nodes: Vec<Node>) -> Seq {
        let shape = Shape::of_sequence(&nodes);
        Seq { nodes, shape }
    }

    /// Whether a match of it can start at `at` of `input`.
    fn may_start(&self, input: &[u8], at: usize) -> bool {
        self.shape.nullable || input.get(at).is_some_and(|&b| self.shape.first.contains(b))
    }
}

/// A parsed pattern: its alternatives and the names of its capture groups (unnamed groups
/// have an empty name), and what any input it matches must be like.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    /// The alternatives, [`simplified`].
    alts: Vec<Seq>,
    /// The alternatives as written, for the tests' reference.
    #[cfg(test)]
    written: Vec<Seq>,
    names: Vec<String>,
    shape: Shape,
    /// The pattern for inputs without white space: the same, less its optional runs of
    /// white space (`\s*`), which can then only match nothing. The dataset puts one after
    /// nearly every character, and tracking numbers are matched without their spaces.
    lean: Vec<Seq>,
    lean_shape: Shape,
}

/// A set of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bytes([u64; 4]);

impl Bytes {
    fn insert_range(&mut self, low: u8, high: u8) {
        for b in low..=high {
            self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    fn contains(self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    fn union(self, other: Bytes) -> Bytes {
        Bytes(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }

    fn complement(self) -> Bytes {
        Bytes(self.0.map(|w| !w))
    }

    /// The bytes in (or, `negated`, not in) any of the inclusive ranges.
    fn of_ranges(ranges: &[(u8, u8)], negated: bool) -> Bytes {
        let mut bytes = Bytes::default();
        for &(low, high) in ranges {
            bytes.insert_range(low, high);
        }
        if negated { bytes.complement() } else { bytes }
    }
}

/// An input to match, with what the shape tests ask of it worked out once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject<'a> {
    text: &'a str,
    /// The bytes it has.
    bytes: Bytes,
    /// Whether it has white space.
    spaced: bool,
}

impl<'a> Subject<'a> {
    /// Whether it has white space (the pattern as written is then tried, not its lean form).
    pub(crate) fn spaced(&self) -> bool {
        self.spaced
    }

    pub(crate) fn new(text: &'a str) -> Subject<'a> {
        let mut bytes = Bytes::default();
        for b in text.bytes() {
            bytes.insert_range(b, b);
        }
        let spaced = bytes.0.iter().zip(white_space().0).any(|(b, s)| b & s != 0);
        Subject {
            text,
            bytes,
            spaced,
        }
    }
}

/// A set of lengths: each below 64 exactly, the others as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Lengths {
    /// Bit `n`: length `n`.
    short: u64,
    /// Some length of 64 or more.
    long: bool,
}

impl Lengths {
    const ZERO: Lengths = Lengths {
        short: 1,
        long: false,
    };
    const ONE: Lengths = Lengths {
        short: 2,
        long: false,
    };

    fn contains(self, n: usize) -> bool {
        match n {
            0..64 => self.short & (1 << n) != 0,
            _ => self.long,
        }
    }

    fn or(self, other: Lengths) -> Lengths {
        Lengths {
            short: self.short | other.short,
            long: self.long || other.long,
        }
    }

    fn is_empty(self) -> bool {
        self.short == 0 && !self.long
    }

    /// The lengths of one of these followed by one of `other`.
    fn then(self, other: Lengths) -> Lengths {
        if self.is_empty() || other.is_empty() {
            return Lengths {
                short: 0,
                long: false,
            };
        }
        // The sum is the same either way round: shift by the sparser set's lengths.
        let (few, many) = match self.short.count_ones() <= other.short.count_ones() {
            true => (self.short, other.short),
            false => (other.short, self.short),
        };
        let mut sum = Lengths {
            short: 0,
            long: self.long || other.long,
        };
        let mut rest = few;
        while rest != 0 {
            let n = rest.trailing_zeros();
            rest &= rest - 1;
            sum.short |= many << n;
            // Bits shifted out are lengths of 64 or more.
            sum.long |= n > 0 && many >> (64 - n) != 0;
        }
        sum
    }

    /// The lengths of `min` to `max` (no limit: `None`) of these in a row.
    fn repeated(self, min: u32, max: Option<u32>) -> Lengths {
        // Past 64 repetitions of a non-empty length every sum is long; with an empty one
        // the set stops growing. Either way the set is settled by then.
        const SETTLED: u32 = 65;
        let mut set = Lengths::ZERO;
        for _ in 0..min.min(SETTLED) {
            set = set.then(self);
        }
        let more = max.map_or(SETTLED, |max| (max - min).min(SETTLED));
        let mut last = set;
        for _ in 0..more {
            last = last.then(self);
            let grown = set.or(last);
            if grown == set && max.is_none() {
                break;
            }
            set = grown;
        }
        set
    }
}

/// What every input a pattern matches has, worked out from the pattern when it is parsed,
/// so that most of the dataset's hundreds of patterns turn a number down in a few byte
/// tests instead of a backtracking search (identifying a carrier tries all of them). Each
/// test is necessary, never sufficient: assertions (`^`, `$`, `\b`, lookahead) only narrow
/// what a pattern matches, so they count as matching the empty string and are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// The lengths a match may have.
    lengths: Lengths,
    /// Every byte a match may consist of.
    alphabet: Bytes,
    /// The bytes a match may start with, and whether it may be empty.
    first: Bytes,
    /// The bytes a match may end with.
    last: Bytes,
    nullable: bool,
}

impl Shape {
    /// The shape of the empty string: what assertions match.
    const EMPTY: Shape = Shape {
        lengths: Lengths::ZERO,
        alphabet: Bytes([0; 4]),
        first: Bytes([0; 4]),
        last: Bytes([0; 4]),
        nullable: true,
    };

    fn of_bytes(bytes: Bytes) -> Shape {
        Shape {
            lengths: Lengths::ONE,
            alphabet: bytes,
            first: bytes,
            last: bytes,
            nullable: false,
        }
    }

    fn of_node(node: &Node) -> Shape {
        match node {
            Node::Byte(b) => {
                let mut bytes = Bytes::default();
                bytes.insert_range(*b, *b);
                Shape::of_bytes(bytes)
            }
            Node::Class(bytes) => Shape::of_bytes(*bytes),
            Node::WordBoundary | Node::Start | Node::End | Node::Look { .. } => Shape::EMPTY,
            Node::Group { alts, .. } => Shape::of_alternatives(alts),
            Node::Repeat { node, min, max } => {
                let one = Shape::of_node(node);
                Shape {
                    lengths: one.lengths.repeated(*min, *max),
                    alphabet: one.alphabet,
                    first: one.first,
                    last: one.last,
                    nullable: *min == 0 || one.nullable,
                }
            }
        }
    }

    fn of_sequence(seq: &[Node]) -> Shape {
        seq.iter()
            .map(Shape::of_node)
            .fold(Shape::EMPTY, |before, next| Shape {
                lengths: before.lengths.then(next.lengths),
                alphabet: before.alphabet.union(next.alphabet),
                first: match before.nullable {
                    true => before.first.union(next.first),
                    false => before.first,
                },
                last: match next.nullable {
                    true => before.last.union(next.last),
                    false => next.last,
                },
                nullable: before.nullable && next.nullable,
            })
    }

    fn of_alternatives(alts: &[Seq]) -> Shape {
        let mut shapes = alts.iter().map(|seq| seq.shape);
        let Some(first) = shapes.next() else {
            return Shape::EMPTY;
        };
        shapes.fold(first, |a, b| Shape {
            lengths: a.lengths.or(b.lengths),
            alphabet: a.alphabet.union(b.alphabet),
            first: a.first.union(b.first),
            last: a.last.union(b.last),
            nullable: a.nullable || b.nullable,
        })
    }

    /// Whether `subject` could be a whole match.
    fn admits(&self, subject: &Subject<'_>) -> bool {
        let input = subject.text.as_bytes();
        let (Some(&head), Some(&tail)) = (input.first(), input.last()) else {
            return self.nullable;
        };
        self.lengths.contains(input.len())
            && self.first.contains(head)
            && self.last.contains(tail)
            && subject
                .bytes
                .0
                .iter()
                .zip(self.alphabet.0)
                .all(|(b, a)| b & !a == 0)
    }
}

/// Why a pattern could not be parsed: the byte offset and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) at: usize,
    pub(crate) what: &'static str,
}

/// The most matching steps one match may take before it gives up (as no match).
const STEP_BUDGET: u32 = 200_000;

/// The spans of a successful match's named groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Captures<'a> {
    input: &'a str,
    names: &'a [String],
    spans: Vec<Option<(usize, usize)>>,
}

impl<'a> Captures<'a> {
    /// The text the group `name` captured, if it took part in the match.
    #[cfg(test)]
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.at(self.names.iter().position(|n| n == name))
    }

    /// The text the group in `slot` ([`Pattern::slot`]) captured, if it took part in the
    /// match: [`Captures::get`] without looking the name up.
    pub(crate) fn at(&self, slot: Option<usize>) -> Option<&'a str> {
        let (start, end) = (*self.spans.get(slot?)?)?;
        self.input.get(start..end)
    }

    /// The named groups and their spans: what a caller can read (unnamed groups capture
    /// nothing once [`simplified`]).
    #[cfg(test)]
    pub(crate) fn named(&self) -> Vec<(&'a str, Option<(usize, usize)>)> {
        self.names
            .iter()
            .zip(&self.spans)
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, span)| (name.as_str(), *span))
            .collect()
    }

    /// Where the group `name` starts and ends, if it took part in the match (the tests mutate
    /// check characters there).
    #[cfg(test)]
    pub(crate) fn span(&self, name: &str) -> Option<(usize, usize)> {
        let slot = self.names.iter().position(|n| n == name)?;
        *self.spans.get(slot)?
    }
}

impl Pattern {
    /// Parses `pattern`.
    pub(crate) fn parse(pattern: &str) -> Result<Pattern, ParseError> {
        // The matcher works on bytes: a character of more than one would be matched (or
        // repeated, or put in a class) a byte at a time, unlike a regex engine.
        if let Some(at) = pattern.bytes().position(|b| !b.is_ascii()) {
            return Err(ParseError {
                at,
                what: "only ASCII patterns are supported",
            });
        }
        let mut parser = Parser {
            bytes: pattern.as_bytes(),
            pos: 0,
            names: Vec::new(),
        };
        let alts = parser.alternatives(0)?;
        if parser.pos != parser.bytes.len() {
            return Err(parser.error("unbalanced ')'"));
        }
        let names = parser.names;
        let shape = Shape::of_alternatives(&alts);
        let lean = simplified(&lean_alternatives(&alts), &names);
        let lean_shape = Shape::of_alternatives(&lean);
        Ok(Pattern {
            alts: simplified(&alts, &names),
            #[cfg(test)]
            written: alts,
            names,
            shape,
            lean,
            lean_shape,
        })
    }

    /// Whether an input of `len` bytes without white space may match (its lean form's
    /// lengths): `false` rules a match out, as [`Pattern::captures_of`] would.
    pub(crate) fn may_match_unspaced(&self, len: usize) -> bool {
        self.lean_shape.lengths.contains(len)
    }

    /// The slot of the group `name` (the first of that name), for [`Captures::at`].
    pub(crate) fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The captures when the pattern matches the whole of `input`.
    pub(crate) fn captures<'a>(&'a self, input: &'a str) -> Option<Captures<'a>> {
        self.captures_of(&Subject::new(input))
    }

    /// [`Pattern::captures`] of an input looked at once for all the patterns it is tried
    /// with.
    pub(crate) fn captures_of<'a>(&'a self, subject: &Subject<'a>) -> Option<Captures<'a>> {
        self.run(self.form_for(subject)?, subject.text)
    }

    /// The alternatives `subject` is matched with (the lean ones when it has no white
    /// space), `None` when their shape rules it out.
    fn form_for(&self, subject: &Subject<'_>) -> Option<&[Seq]> {
        let (alts, shape) = match subject.spaced {
            true => (&self.alts, &self.shape),
            false => (&self.lean, &self.lean_shape),
        };
        shape.admits(subject).then_some(alts.as_slice())
    }

    /// The captures of the backtracking matcher alone, on the pattern as written: what
    /// [`Pattern::captures`] must always give (the tests compare them).
    #[cfg(test)]
    pub(crate) fn captures_as_written<'a>(&'a self, input: &'a str) -> Option<Captures<'a>> {
        self.run_with(&self.written, input, false)
    }

    fn run<'a>(&'a self, alts: &'a [Seq], input: &'a str) -> Option<Captures<'a>> {
        self.run_with(alts, input, true)
    }

    /// Runs the matcher; `fast`: whether it passes over alternatives that cannot start at
    /// the byte and runs repetitions of one byte in a loop (always, but for the tests'
    /// reference).
    fn run_with<'a>(&'a self, alts: &'a [Seq], input: &'a str, fast: bool) -> Option<Captures<'a>> {
        self.run_counted(alts, input, fast).0
    }

    /// [`Pattern::run_with`], and the steps the matcher took.
    fn run_counted<'a>(
        &'a self,
        alts: &'a [Seq],
        input: &'a str,
        fast: bool,
    ) -> (Option<Captures<'a>>, u32) {
        let matcher = Matcher {
            input: input.as_bytes(),
            steps: std::cell::Cell::new(0),
            fast,
        };
        let mut spans = vec![None; self.names.len()];
        let mut result = None;
        let end = input.len();
        let matched = matcher.alternatives(alts, 0, &mut spans, &mut |at, spans| {
            if at == end {
                result = Some(spans.clone());
                true
            } else {
                false
            }
        });
        let steps = matcher.steps.get();
        let captures = result.filter(|_| matched).map(|spans| Captures {
            input,
            names: &self.names,
            spans,
        });
        (captures, steps)
    }

    /// The steps matching `input` takes, as [`Pattern::captures`] matches it (0 when its
    /// shape rules it out), and as the matcher alone takes them on the pattern as written.
    #[cfg(test)]
    pub(crate) fn steps(&self, input: &str) -> (u32, u32) {
        let fast = self
            .form_for(&Subject::new(input))
            .map_or(0, |alts| self.run_counted(alts, input, true).1);
        (fast, self.run_counted(&self.written, input, false).1)
    }

    /// Whether the pattern matches the whole of `input`.
    #[cfg(test)]
    pub(crate) fn is_match(&self, input: &str) -> bool {
        self.captures(input).is_some()
    }
}

/// Checks that every pattern matches every input, with the same named captures, as the
/// backtracking matcher alone on the pattern as written, each well within the step budget
/// (within it, the fast paths match the same: see [`simplified`]); returns how many pairs
/// matched.
#[cfg(test)]
pub(crate) fn match_as_written(patterns: &[Pattern], inputs: &[String]) -> usize {
    let mut matched = 0;
    for pattern in patterns {
        for input in inputs {
            let (fast_steps, written_steps) = pattern.steps(input);
            assert!(
                fast_steps.max(written_steps) < STEP_BUDGET / 20,
                "{pattern:?} {input:?}: {fast_steps} and {written_steps} steps"
            );
            let fast = pattern.captures(input);
            let written = pattern.captures_as_written(input);
            assert_eq!(
                fast.as_ref().map(Captures::named),
                written.as_ref().map(Captures::named),
                "{pattern:?} {input:?}"
            );
            matched += usize::from(fast.is_some());
        }
    }
    matched
}

struct Parser<'p> {
    bytes: &'p [u8],
    pos: usize,
    names: Vec<String>,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> ParseError {
        ParseError { at: self.pos, what }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Alternatives up to an unmatched `)` or the end; `depth` 0 is the top level.
    fn alternatives(&mut self, depth: u32) -> Result<Vec<Seq>, ParseError> {
        if depth > 32 {
            return Err(self.error("groups nested too deeply"));
        }
        let mut alts: Vec<Vec<Node>> = vec![Vec::new()];
        loop {
            match self.peek() {
                None => return Ok(alts.into_iter().map(Seq::new).collect()),
                Some(b')') => {
                    if depth == 0 {
                        return Err(self.error("unbalanced ')'"));
                    }
                    return Ok(alts.into_iter().map(Seq::new).collect());
                }
                Some(b'|') => {
                    self.pos += 1;
                    alts.push(Vec::new());
                }
                Some(_) => {
                    let atom = self.atom(depth)?;
                    let node = self.quantified(atom)?;
                    if let Some(seq) = alts.last_mut() {
                        seq.push(node);
                    }
                }
            }
        }
    }

    fn atom(&mut self, depth: u32) -> Result<Node, ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unexpected end"));
        };
        self.pos += 1;
        match b {
            b'(' => self.group(depth),
            b'[' => self.class(),
            b'\\' => self.escape(),
            b'*' | b'+' | b'?' | b'{' => Err(self.error("quantifier without anything to repeat")),
            b'.' => Ok(Node::Class(Bytes::of_ranges(&[(0, u8::MAX)], false))),
            b'^' => Ok(Node::Start),
            b'$' => Ok(Node::End),
            _ => Ok(Node::Byte(b)),
        }
    }

    fn group(&mut self, depth: u32) -> Result<Node, ParseError> {
        let (capture, look) = if self.eat(b'?') {
            if self.eat(b':') {
                (None, None)
            } else if self.eat(b'=') {
                (None, Some(false))
            } else if self.eat(b'!') {
                (None, Some(true))
            } else {
                self.eat(b'P');
                if !self.eat(b'<') {
                    return Err(self.error("unsupported group flag"));
                }
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.pos += 1;
                }
                let name = String::from_utf8_lossy(self.bytes.get(start..self.pos).unwrap_or(&[]))
                    .into_owned();
                if name.is_empty() || !self.eat(b'>') {
                    return Err(self.error("bad group name"));
                }
                self.names.push(name);
                (Some(self.names.len() - 1), None)
            }
        } else {
            self.names.push(String::new());
            (Some(self.names.len() - 1), None)
        };
        let alts = self.alternatives(depth + 1)?;
        if !self.eat(b')') {
            return Err(self.error("unclosed group"));
        }
        Ok(match look {
            Some(negated) => Node::Look {
                alts,
                negated,
                captures: true,
            },
            None => Node::Group { alts, capture },
        })
    }

    /// After a `\`, outside a class.
    fn escape(&mut self) -> Result<Node, ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error("trailing '\\'"));
        };
        self.pos += 1;
        Ok(match b {
            b'b' => Node::WordBoundary,
            b'd' => Node::Class(Bytes::of_ranges(&[(b'0', b'9')], false)),
            b's' => Node::Class(white_space()),
            _ if b.is_ascii_punctuation() => Node::Byte(b),
            _ => return Err(self.error("unsupported escape")),
        })
    }

    /// After a `[`.
    fn class(&mut self) -> Result<Node, ParseError> {
        let negated = self.eat(b'^');
        let mut ranges = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("unclosed class"));
            };
            self.pos += 1;
            let low = match b {
                b']' if !ranges.is_empty() => {
                    return Ok(Node::Class(Bytes::of_ranges(&ranges, negated)));
                }
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.error("trailing '\\'"));
                    };
                    self.pos += 1;
                    match e {
                        b's' => {
                            ranges.extend(space_ranges());
                            continue;
                        }
                        b'd' => {
                            ranges.push((b'0', b'9'));
                            continue;
                        }
                        _ if e.is_ascii_punctuation() => e,
                        _ => return Err(self.error("unsupported escape in class")),
                    }
                }
                _ => b,
            };
            let is_range = self.peek() == Some(b'-')
                && self.bytes.get(self.pos + 1).is_some_and(|&c| c != b']');
            if is_range {
                self.pos += 1;
                let Some(high) = self.peek() else {
                    return Err(self.error("unclosed class"));
                };
                self.pos += 1;
                if high < low || high == b'\\' {
                    return Err(self.error("bad range"));
                }
                ranges.push((low, high));
            } else {
                ranges.push((low, low));
            }
        }
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, ParseError> {
        let (min, max) = match self.peek() {
            Some(b'*') => (0, None),
            Some(b'+') => (1, None),
            Some(b'?') => (0, Some(1)),
            Some(b'{') => {
                self.pos += 1;
                let min = self.number()?;
                let max = if self.eat(b',') {
                    if self.peek() == Some(b'}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some(b'}') || max.is_some_and(|m| m < min) {
                    return Err(self.error("bad repetition"));
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        if matches!(self.peek(), Some(b'?' | b'+' | b'*' | b'{')) {
            return Err(self.error("lazy or nested quantifiers are not supported"));
        }
        if matches!(
            atom,
            Node::WordBoundary | Node::Start | Node::End | Node::Look { .. }
        ) {
            return Err(self.error("an assertion cannot repeat"));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    fn number(&mut self) -> Result<u32, ParseError> {
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u32::from(d - b'0')))
                .filter(|n| *n <= 1000)
                .ok_or_else(|| self.error("repetition count too large"))?;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("expected a number"));
        }
        Ok(n)
    }
}

/// `\s`: space, tab, line feed, vertical tab, form feed, carriage return.
fn space_ranges() -> Vec<(u8, u8)> {
    vec![(b' ', b' '), (b'\t', b'\r')]
}

/// The bytes of `\s`: tab to carriage return (9 to 13) and space (32).
fn white_space() -> Bytes {
    Bytes([0x3E00 | 1 << 32, 0, 0, 0])
}

/// `alts` without the optional repetitions of white space only, everywhere in them: the
/// same pattern for an input without white space.
fn lean_alternatives(alts: &[Seq]) -> Vec<Seq> {
    alts.iter()
        .map(|seq| Seq::new(seq.nodes.iter().filter_map(lean_node).collect()))
        .collect()
}

/// `node` as [`lean_alternatives`] leaves it: `None` for an optional repetition of white
/// space only.
fn lean_node(node: &Node) -> Option<Node> {
    let space = white_space();
    Some(match node {
        Node::Repeat { node, min: 0, .. }
            if Shape::of_node(node).alphabet.union(space) == space =>
        {
            return None;
        }
        Node::Repeat { node, min, max } => Node::Repeat {
            node: Box::new(lean_node(node)?),
            min: *min,
            max: *max,
        },
        Node::Group { alts, capture } => Node::Group {
            alts: lean_alternatives(alts),
            capture: *capture,
        },
        Node::Look {
            alts,
            negated,
            captures,
        } => Node::Look {
            alts: lean_alternatives(alts),
            negated: *negated,
            captures: *captures,
        },
        other => other.clone(),
    })
}

/// `alts` as the matcher runs them faster, matching the same with the same captures: a
/// group without a name captures nothing (only named groups are read), a group that
/// captures nothing and has one alternative of one element is that element (so the data's
/// `([0-9]\s*){5}`, less its white space, repeats one class), and a look knows whether a
/// group in it captures.
///
/// The same, that is, for every input matched within the step budget: a group passed over,
/// and a run of one byte ([`Matcher::repeat_byte`]), take other counts of steps, so an input
/// that takes close to [`STEP_BUDGET`] steps could be given up on one way and not the other.
/// The data's patterns take at most a few hundred steps on the data's numbers and postcodes
/// (the tests compare both ways and check the steps stay under a twentieth of the budget).
fn simplified(alts: &[Seq], names: &[String]) -> Vec<Seq> {
    alts.iter()
        .map(|seq| Seq {
            nodes: seq
                .nodes
                .iter()
                .map(|n| simplified_node(n, names))
                .collect(),
            // The same matches: the shape worked out already.
            shape: seq.shape,
        })
        .collect()
}

fn simplified_node(node: &Node, names: &[String]) -> Node {
    match node {
        Node::Group { alts, capture } => {
            let capture = capture.filter(|&slot| names.get(slot).is_some_and(|n| !n.is_empty()));
            let alts = simplified(alts, names);
            if let (None, [only]) = (capture, alts.as_slice())
                && let [one] = only.nodes.as_slice()
            {
                return one.clone();
            }
            Node::Group { alts, capture }
        }
        Node::Look { alts, negated, .. } => {
            let alts = simplified(alts, names);
            Node::Look {
                captures: alts.iter().flat_map(|seq| &seq.nodes).any(captures),
                alts,
                negated: *negated,
            }
        }
        Node::Repeat { node, min, max } => Node::Repeat {
            node: Box::new(simplified_node(node, names)),
            min: *min,
            max: *max,
        },
        other => other.clone(),
    }
}

/// Whether a group in `node` (or `node` itself) captures.
fn captures(node: &Node) -> bool {
    match node {
        Node::Group { alts, capture } => {
            capture.is_some() || alts.iter().flat_map(|seq| &seq.nodes).any(captures)
        }
        Node::Look { alts, .. } => alts.iter().flat_map(|seq| &seq.nodes).any(captures),
        Node::Repeat { node, .. } => captures(node),
        _ => false,
    }
}

/// The bytes a node matches when it is one byte (a literal or a class).
fn one_byte(node: &Node) -> Option<Bytes> {
    match node {
        Node::Byte(b) => Some(Bytes::of_ranges(&[(*b, *b)], false)),
        Node::Class(bytes) => Some(*bytes),
        _ => None,
    }
}

type Spans = Vec<Option<(usize, usize)>>;
type Next<'k> = dyn FnMut(usize, &mut Spans) -> bool + 'k;

struct Matcher<'i> {
    input: &'i [u8],
    steps: std::cell::Cell<u32>,
    /// Whether alternatives that cannot start at the byte are passed over and repetitions
    /// of one byte run in a loop: always, but for the tests' reference.
    fast: bool,
}

impl Matcher<'_> {
    /// Counts a step; `false` once the budget is spent.
    fn step(&self) -> bool {
        let n = self.steps.get().saturating_add(1);
        self.steps.set(n);
        n <= STEP_BUDGET
    }

    fn alternatives(
        &self,
        alts: &[Seq],
        at: usize,
        spans: &mut Spans,
        next: &mut Next<'_>,
    ) -> bool {
        alts.iter().any(|seq| {
            (!self.fast || seq.may_start(self.input, at))
                && self.sequence(&seq.nodes, at, spans, next)
        })
    }

    fn sequence(&self, seq: &[Node], at: usize, spans: &mut Spans, next: &mut Next<'_>) -> bool {
        match seq.split_first() {
            None => next(at, spans),
            Some((first, rest)) => self.node(first, at, spans, &mut |after, spans| {
                self.sequence(rest, after, spans, next)
            }),
        }
    }

    fn node(&self, node: &Node, at: usize, spans: &mut Spans, next: &mut Next<'_>) -> bool {
        if !self.step() {
            return false;
        }
        match node {
            Node::Byte(b) => self.input.get(at) == Some(b) && next(at + 1, spans),
            Node::Class(bytes) => {
                self.input.get(at).is_some_and(|&c| bytes.contains(c)) && next(at + 1, spans)
            }
            Node::WordBoundary => {
                let word = |i: Option<usize>| {
                    i.and_then(|i| self.input.get(i))
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                };
                word(at.checked_sub(1)) != word(Some(at)) && next(at, spans)
            }
            Node::Start => at == 0 && next(at, spans),
            Node::End => at == self.input.len() && next(at, spans),
            Node::Group { alts, capture } => {
                self.alternatives(alts, at, spans, &mut |end, spans| match *capture {
                    Some(slot) => {
                        let before = spans.get(slot).copied().flatten();
                        if let Some(s) = spans.get_mut(slot) {
                            *s = Some((at, end));
                        }
                        if next(end, spans) {
                            return true;
                        }
                        if let Some(s) = spans.get_mut(slot) {
                            *s = before;
                        }
                        false
                    }
                    None => next(end, spans),
                })
            }
            Node::Look {
                alts,
                negated,
                captures,
            } => {
                // What a look captures is let go: it works on a copy of the spans, when a
                // group in it captures at all.
                let found = match captures {
                    true => {
                        let mut scratch = spans.clone();
                        self.alternatives(alts, at, &mut scratch, &mut |_, _| true)
                    }
                    false => self.alternatives(alts, at, spans, &mut |_, _| true),
                };
                found != *negated && next(at, spans)
            }
            Node::Repeat { node, min, max } => match (self.fast, one_byte(node)) {
                (true, Some(bytes)) => self.repeat_byte(bytes, *min, *max, at, spans, next),
                _ => self.repeat(node, *min, *max, 0, at, spans, next),
            },
        }
    }

    /// A greedy repetition of one byte of `bytes`: the longest run first, then one byte
    /// shorter at a time, down to `min` (what [`Matcher::repeat`] tries, in the same order,
    /// without a call per byte; a step for each length tried, where `repeat` takes one for
    /// each byte).
    fn repeat_byte(
        &self,
        bytes: Bytes,
        min: u32,
        max: Option<u32>,
        at: usize,
        spans: &mut Spans,
        next: &mut Next<'_>,
    ) -> bool {
        let rest = self.input.get(at..).unwrap_or(&[]);
        let most = max.map_or(rest.len(), |max| rest.len().min(max as usize));
        let run = rest
            .iter()
            .take(most)
            .take_while(|&&c| bytes.contains(c))
            .count();
        let least = min as usize;
        (least..=run)
            .rev()
            .any(|n| self.step() && next(at + n, spans))
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        count: u32,
        at: usize,
        spans: &mut Spans,
        next: &mut Next<'_>,
    ) -> bool {
        if max.is_none_or(|m| count < m)
            && self.node(node, at, spans, &mut |after, spans| {
                // An empty iteration past the minimum would loop for ever.
                if after == at && count >= min {
                    return false;
                }
                self.repeat(node, min, max, count + 1, after, spans, next)
            })
        {
            return true;
        }
        count >= min && next(at, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn matches_the_whole_input() {
        let ups = p(r"\s*1\s*Z\s*(?<SerialNumber>(?:[A-Z0-9]\s*){15})(?<CheckDigit>[0-9]\s*)");
        assert!(ups.is_match("1Z5R89390357567127"));
        assert!(!ups.is_match("1Z5R893903575671270"));
        assert!(!ups.is_match("X1Z5R89390357567127"));
        let caps = ups.captures("1Z5R89390357567127").unwrap();
        assert_eq!(caps.get("SerialNumber"), Some("5R8939035756712"));
        assert_eq!(caps.get("CheckDigit"), Some("7"));
        assert_eq!(caps.span("CheckDigit"), Some((17, 18)));
        assert_eq!(caps.get("Nope"), None);
    }

    #[test]
    fn captures_and_alternatives() {
        let pat = p(r"(?<A>ab|a)(?<B>b?)c");
        let caps = pat.captures("abc").unwrap();
        // Leftmost alternative first, backtracking into the second only when needed.
        assert_eq!((caps.get("A"), caps.get("B")), (Some("ab"), Some("")));
        let pat = p(r"(?<A>a|ab)(?<B>c)");
        let caps = pat.captures("abc").unwrap();
        assert_eq!((caps.get("A"), caps.get("B")), (Some("ab"), Some("c")));
        // An optional group that did not take part captures nothing.
        let pat = p(r"(?<X>Z)?9");
        assert_eq!(pat.captures("9").unwrap().get("X"), None);
    }

    #[test]
    fn quantifiers_and_classes() {
        assert!(p(r"[0-9]{3,5}").is_match("1234"));
        assert!(!p(r"[0-9]{3,5}").is_match("12"));
        assert!(!p(r"[0-9]{3,5}").is_match("123456"));
        assert!(p(r"[0-9]{2,}").is_match("123456"));
        assert!(p(r"[^0-9A-Z]*[0-9]").is_match("7"));
        assert!(!p(r"[^0-9A-Z]").is_match("A"));
        assert!(p(r"[AHJKTV]\d+").is_match("K12"));
        assert!(p(r"a\-b").is_match("a-b"));
        assert!(p(r"[\s]*x").is_match("  x"));
        assert!(p(r"(a*)*b").is_match("aaab"));
        // The dataset's "serial number does not start with 91" test.
        let pat = p(r"^(?!9\s*1).+$");
        assert!(pat.is_match("7196"));
        assert!(!pat.is_match("9101"));
        assert!(!p("a^").is_match("a"));
    }

    #[test]
    fn lookahead_and_boundaries() {
        // A digit somewhere ahead, and 3 to 5 characters in all.
        let pat = p(r"(?=[0-9A-Z]{3,5}\b)(?=[^0-9]*[0-9])[0-9A-Z]{3,5}");
        assert!(pat.is_match("AB1"));
        assert!(!pat.is_match("ABC"));
        assert!(!pat.is_match("AB1234"));
        let pat = p(r"[0-9]{2}(?![0-9])");
        assert!(pat.is_match("12"));
        // The ZIP-and-length trick of USPS IMpb: the first group is taken only when 4
        // digits follow it.
        let pat = p(r"(?<Zip>[0-9]{2}(?=[0-9]{4}(?![0-9])))?(?<Rest>[0-9]+)");
        let caps = pat.captures("123456").unwrap();
        assert_eq!(
            (caps.get("Zip"), caps.get("Rest")),
            (Some("12"), Some("3456"))
        );
        let caps = pat.captures("12345").unwrap();
        assert_eq!((caps.get("Zip"), caps.get("Rest")), (None, Some("12345")));
    }

    #[test]
    fn repetitions_of_one_byte_back_off_as_the_plain_matcher_does() {
        // Runs of one byte (`repeat_byte`), simplified groups and looks, against the
        // matcher on the pattern as written, over every input of up to five bytes of `a`,
        // `b`, `9` and space (inputs with a space run the pattern as written, simplified;
        // the others its lean form).
        let patterns = [
            r"a*a",
            r"a{2,3}a",
            r"a{2,}b?a",
            r"(?<A>a*)(?<B>a{1,2})b*",
            r"(?:a|b)*9",
            r"(a)*(?<Last>a)",
            r"(?:[ab]\s*){3}(?<Rest>[0-9]*)",
            r"(?=(?<Ahead>a+))a*b*",
            r"(?!a{3})[ab]*",
            r"(?<X>(?:a){2})+",
            r"[^9]{0,2}9*",
        ];
        let inputs = crate::testing::strings_of(&["a", "b", "9", " "], 5);
        assert_eq!(inputs.len(), 1 + 4 + 16 + 64 + 256 + 1024);
        let matched = match_as_written(&patterns.map(p), &inputs);
        assert!(matched > 300, "{matched}");
        // Greedy: the longest run that lets the rest match.
        let pattern = p(r"(?<A>a*)(?<B>a{1,2})");
        let caps = pattern.captures("aaaa").unwrap();
        assert_eq!((caps.get("A"), caps.get("B")), (Some("aaa"), Some("a")));
        let pattern = p(r"(?<A>a*)(?<B>a{2})");
        let caps = pattern.captures("aaaa").unwrap();
        assert_eq!((caps.get("A"), caps.get("B")), (Some("aa"), Some("aa")));
    }

    #[test]
    fn white_space_is_what_backslash_s_matches() {
        let mut bytes = Bytes::default();
        for (low, high) in space_ranges() {
            bytes.insert_range(low, high);
        }
        assert_eq!(white_space(), bytes);
        let pattern = p(r"\s");
        for b in 0..=u8::MAX {
            let input = [b];
            let Ok(input) = std::str::from_utf8(&input) else {
                continue;
            };
            assert_eq!(pattern.is_match(input), white_space().contains(b), "{b}");
        }
    }

    #[test]
    fn refuses_what_it_does_not_support() {
        for bad in [
            "é", "[é]", "a.é?", "(", "a)", "[a", "a{2", "a{3,2}", "*a", "a**", "a+?", "^*", r"\w",
            "(?i)a", "(?<>a)", "a{99999}", r"\b+",
        ] {
            assert!(Pattern::parse(bad).is_err(), "{bad}");
        }
        let err = Pattern::parse("ab)").unwrap_err();
        assert_eq!(err.at, 2);
    }

    #[test]
    fn catastrophic_patterns_give_up_instead_of_hanging() {
        let pat = p(r"(?:(?:a*)*)*b");
        let input = "a".repeat(40);
        let started = std::time::Instant::now();
        assert!(!pat.is_match(&input));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
