//! Cell encodings shared by the writer and the reader: spreadsheet formula
//! neutralisation, the bullets cell, and the integer cell.

use std::borrow::Cow;

use serde_json::{Number, Value};

/// Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell is apostrophes followed by a formula character
/// (`=1`, `'=1`, `''@x`): those are the cells Excel mode prefixes.
fn looks_like_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Excel mode: prefix `'` to a text cell that starts with a formula
/// character, or with apostrophes and then one, so that the reverse
/// ([`restore`]) is exact: it removes one `'` from exactly those cells.
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralise`].
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(cell) => rest,
        _ => cell,
    }
}

/// The bullets cell: one bullet per line.
pub(crate) fn split_bullets(cell: &str) -> Vec<Value> {
    // Bullets hold no CR, so a CRLF (written by some spreadsheets) is one break too.
    cell.split('\n')
        .map(|line| Value::String(line.strip_suffix('\r').unwrap_or(line).to_owned()))
        .collect()
}

/// The integer cell as a JSON number when it is written as one, else the
/// text as a JSON string, so that the schema reports a `type` error on it
/// rather than the reader dropping it.
pub(crate) fn integer_value(cell: &str) -> Value {
    let is_number_text = cell.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        && cell.ends_with(|c: char| c.is_ascii_digit())
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if is_number_text {
        if let Ok(number) = serde_json::from_str::<Number>(cell) {
            return Value::Number(number);
        }
    }
    Value::String(cell.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{integer_value, neutralise, restore, split_bullets};

    #[test]
    fn formula_cells_are_prefixed_and_restored() {
        for (plain, excel) in [
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("-5%", "'-5%"),
            ("@mention", "'@mention"),
            ("\tindented", "'\tindented"),
            ("\rx", "'\rx"),
            ("'=quoted", "''=quoted"),
            ("''-x", "'''-x"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("a=b", "a=b"),
            ("", ""),
            ("Tiêu đề", "Tiêu đề"),
        ] {
            assert_eq!(neutralise(plain), excel, "{plain:?}");
            assert_eq!(restore(excel), plain, "{excel:?}");
        }
    }

    #[test]
    fn bullets_split_on_lf_and_crlf() {
        assert_eq!(
            split_bullets("a\nb\r\nc"),
            vec![json!("a"), json!("b"), json!("c")]
        );
        assert_eq!(split_bullets("a\n"), vec![json!("a"), json!("")]);
        assert_eq!(split_bullets("a\rb"), vec![json!("a\rb")]);
    }

    #[test]
    fn integers_become_numbers_and_the_rest_stays_text() {
        assert_eq!(integer_value("10"), json!(10));
        assert_eq!(integer_value("4294967296"), json!(4_294_967_296_u64));
        assert_eq!(integer_value("-3"), json!(-3));
        assert_eq!(integer_value("10.0"), json!(10.0));
        assert_eq!(integer_value("1e3"), json!(1000.0));
        assert!(integer_value("99999999999999999999999").is_number());
        for text in [
            "ten", " 1", "1 ", "1,000", "0x10", "1.", ".5", "+1", "--1", "1e",
        ] {
            assert_eq!(integer_value(text), json!(text), "{text:?}");
        }
    }
}
