//! Whatever the bytes, the importer answers: a page or an error, never a panic.

use articlekit_page::{PageOptions, parse_page};

use crate::{SEED, read};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("fits")
    }
}

#[test]
fn every_prefix_of_the_seed_is_refused_at_its_last_line() {
    let seed = read(SEED);
    let footer_name = seed.len() - "Sóng AI - Tóm tắt tin, bài trí tuệ nhân tạo".len();
    for end in 0..seed.len() {
        let prefix = &seed[..end];
        let newlines = prefix.split(|b| *b == b'\n').count() - 1;
        let last_line = if prefix.is_empty() || prefix.ends_with(b"\n") {
            newlines.max(1)
        } else {
            newlines + 1
        };
        match parse_page(prefix, &PageOptions::default()) {
            // Cut inside the footer's name or tagline, the page is whole but shorter.
            Ok(_) => assert!(end > footer_name, "prefix of {end} bytes accepted"),
            // Whatever is missing, the page is refused where it was cut.
            Err(e) => assert_eq!(e.line, last_line as u64, "prefix of {end} bytes: {e}"),
        }
    }
}

#[test]
fn mutated_seeds_never_panic() {
    let seed = read(SEED);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tokens: [&[u8]; 12] = [
        b"\n",
        b"\r",
        b"\r\n",
        b"\xEF\xBB\xBF",
        b"\xC2\xA0",
        "•".as_bytes(),
        "📌".as_bytes(),
        b"\xFF",
        b"\0",
        "©".as_bytes(),
        b" - https://x.example/a",
        "Thảo luận\n".as_bytes(),
    ];
    for _ in 0..3000 {
        let mut bytes = seed.clone();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 => {
                    let token = tokens[rng.below(tokens.len())];
                    bytes.splice(at..at, token.iter().copied());
                }
                1 => {
                    let end = (at + rng.below(200)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    if at < bytes.len() {
                        bytes[at] = u8::try_from(rng.below(256)).expect("a byte");
                    }
                }
            }
        }
        let result = parse_page(&bytes, &PageOptions::default());
        if let Err(e) = result {
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            assert!(!e.expected.is_empty() && !e.found.is_empty(), "{e:?}");
        }
    }
}

#[test]
fn random_bytes_are_refused_without_panic() {
    let mut rng = Rng(42);
    for len in [1_usize, 2, 3, 7, 64, 4096] {
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| u8::try_from(rng.below(256)).expect("a byte"))
                .collect();
            assert!(parse_page(&bytes, &PageOptions::default()).is_err());
        }
    }
}

#[test]
fn very_long_lines_are_read_and_quoted_short() {
    let long = "Trung Quốc ".repeat(200_000);
    let page = format!("{long}\n• {long}\n📌 {long}\nnot a url {long}\n");
    let error = parse_page(page.as_bytes(), &PageOptions::default()).expect_err("no URL");
    assert_eq!(error.line, 4);
    assert!(error.found.chars().count() <= 63, "{}", error.found);
}
