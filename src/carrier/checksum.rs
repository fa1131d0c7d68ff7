//! The check-digit algorithms of the dataset (`data/CHECKSUM_ALGORITHMS.md`, and Luhn).
//!
//! Each takes the number's `SerialNumber` group and its `CheckDigit` group, both without
//! spaces, and says whether the check character is right. Anything unexpected (a letter
//! where a digit belongs, a serial longer than the weights) is simply "not right".

use super::tables::Checksum;

/// A digit's value, or `None` for any other character.
fn digit(c: u8) -> Option<u32> {
    c.is_ascii_digit().then(|| u32::from(c - b'0'))
}

/// The check character's value: a single digit.
fn check_value(check: &str) -> Option<u32> {
    match check.as_bytes() {
        [c] => digit(*c),
        _ => None,
    }
}

impl Checksum {
    /// Whether `check` is the right check character for `serial`.
    pub(crate) fn verifies(self, serial: &str, check: &str) -> bool {
        if serial.is_empty() {
            return false;
        }
        let serial = serial.as_bytes();
        match self {
            Checksum::S10 => s10(serial)
                .zip(check_value(check))
                .is_some_and(|(a, b)| a == b),
            Checksum::Mod10 {
                evens,
                odds,
                reverse,
            } => mod10(serial, evens, odds, reverse)
                .zip(check_value(check))
                .is_some_and(|(a, b)| a == b),
            Checksum::Weighted {
                weights,
                modulo1,
                modulo2,
            } => weighted(serial, weights, modulo1, modulo2)
                .zip(check_value(check))
                .is_some_and(|(a, b)| a == b),
            Checksum::Mod7 => mod7(serial)
                .zip(check_value(check))
                .is_some_and(|(a, b)| a == b),
            Checksum::Luhn => luhn(serial)
                .zip(check_value(check))
                .is_some_and(|(a, b)| a == b),
            Checksum::Mod37_36 => mod37_36(serial).is_some_and(|c| check.as_bytes() == [c]),
        }
    }

    /// The check character `serial` calls for, when there is exactly one.
    pub(crate) fn expected(self, serial: &str) -> Option<char> {
        let alphabet: &[u8] = match self {
            Checksum::Mod37_36 => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            _ => b"0123456789",
        };
        let mut found = alphabet.iter().filter(|c| {
            let mut buf = [0u8; 4];
            self.verifies(serial, char::from(**c).encode_utf8(&mut buf))
        });
        match (found.next(), found.next()) {
            (Some(c), None) => Some(char::from(*c)),
            _ => None,
        }
    }
}

/// UPU S10 over 8 digits.
fn s10(serial: &[u8]) -> Option<u32> {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    if serial.len() != WEIGHTS.len() {
        return None;
    }
    let mut sum = 0;
    for (c, w) in serial.iter().zip(WEIGHTS) {
        sum += digit(*c)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    })
}

fn mod10(serial: &[u8], evens: u32, odds: u32, reverse: bool) -> Option<u32> {
    let value =
        |c: u8| digit(c).or_else(|| c.is_ascii_uppercase().then(|| (u32::from(c) - 3) % 10));
    let mut sum = 0u32;
    let mut add = |i: usize, c: u8| -> Option<()> {
        let multiplier = if i % 2 == 1 { odds } else { evens };
        sum = sum.checked_add(value(c)?.checked_mul(multiplier)?)?;
        Some(())
    };
    if reverse {
        for (i, c) in serial.iter().rev().enumerate() {
            add(i, *c)?;
        }
    } else {
        for (i, c) in serial.iter().enumerate() {
            add(i, *c)?;
        }
    }
    Some((10 - sum % 10) % 10)
}

fn weighted(serial: &[u8], weights: &[u32], modulo1: u32, modulo2: u32) -> Option<u32> {
    if serial.len() != weights.len() || modulo1 == 0 || modulo2 == 0 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in serial.iter().zip(weights) {
        sum = sum.checked_add(digit(*c)?.checked_mul(*w)?)?;
    }
    Some(sum % modulo1 % modulo2)
}

fn mod7(serial: &[u8]) -> Option<u32> {
    let mut rest = 0u32;
    for c in serial {
        rest = (rest * 10 + digit(*c)?) % 7;
    }
    Some(rest)
}

/// The Luhn check digit of `serial` (the check digit to be appended).
fn luhn(serial: &[u8]) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in serial.iter().rev().enumerate() {
        let mut d = digit(*c)?;
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    Some((10 - sum % 10) % 10)
}

/// ISO/IEC 7064 MOD 37,36 as DPD's label specification computes it.
fn mod37_36(serial: &[u8]) -> Option<u8> {
    const MOD: u32 = 36;
    let mut cd = MOD;
    for c in serial {
        let value = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return None,
        };
        cd += value;
        if cd > MOD {
            cd -= MOD;
        }
        cd *= 2;
        if cd > MOD {
            cd -= MOD + 1;
        }
    }
    let mut cd = MOD + 1 - cd;
    if cd == MOD {
        cd = 0;
    }
    let c = u8::try_from(cd).ok()?;
    Some(if c < 10 { b'0' + c } else { b'A' + c - 10 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s10_as_the_upu_gives_it() {
        // 47312482: 4*8+7*6+3*4+1*2+2*3+4*5+8*9+2*7 = 200; 200 mod 11 = 2; 11 - 2 = 9.
        assert!(Checksum::S10.verifies("47312482", "9"));
        assert!(!Checksum::S10.verifies("47312482", "8"));
        assert_eq!(Checksum::S10.expected("47312482"), Some('9'));
        // Sum 0: 11 -> 5. 00000008: 56 mod 11 = 1, 11 - 1 = 10 -> 0.
        assert_eq!(Checksum::S10.expected("00000000"), Some('5'));
        assert_eq!(Checksum::S10.expected("00000008"), Some('0'));
        assert!(!Checksum::S10.verifies("4731248", "9"));
    }

    #[test]
    fn ups_mod10_maps_letters() {
        // 1Z5R89390357567127: serial 5R8939035756712, R = (82 - 3) mod 10 = 9.
        let ups = Checksum::Mod10 {
            evens: 1,
            odds: 2,
            reverse: false,
        };
        assert!(ups.verifies("5R8939035756712", "7"));
        assert_eq!(ups.expected("5R8939035756712"), Some('7'));
        assert!(!ups.verifies("5R8939035756712", "X"));
        assert!(!ups.verifies("5r8939035756712", "7"));
    }

    #[test]
    fn fedex_weighted() {
        // 986578788855: 9*3+8*1+6*7+5*3+7*1+8*7+7*3+8*1+8*7+8*3+5*1 = 269;
        // 269 mod 11 = 5; 5 mod 10 = 5.
        let fedex = Checksum::Weighted {
            weights: &[3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
            modulo1: 11,
            modulo2: 10,
        };
        assert!(fedex.verifies("98657878885", "5"));
        assert!(!fedex.verifies("9865787888", "5"));
    }

    #[test]
    fn mod7_luhn_and_mod37_36() {
        // 331881002 mod 7 = 5.
        assert!(Checksum::Mod7.verifies("331881002", "5"));
        assert!(Checksum::Mod7.verifies("7389105114", "6"));
        // Luhn's own example: 7992739871 -> 3.
        assert_eq!(Checksum::Luhn.expected("7992739871"), Some('3'));
        // DPD: 0081827099800000200333502 76 -> C (the dataset's test number).
        assert!(Checksum::Mod37_36.verifies("008182709980000020033350276", "C"));
        assert_eq!(Checksum::Mod37_36.expected("09980000020033"), Some('F'));
        assert!(!Checksum::Mod37_36.verifies("0998000002003a", "F"));
    }
}
