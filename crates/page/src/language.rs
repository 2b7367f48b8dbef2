//! A small, conservative guess at the source article's language.
//!
//! Only two answers are given, and only on clear evidence; otherwise the
//! language is left out rather than guessed:
//! - `vi` when letters only Vietnamese uses (ơ, ư, the tone-marked vowels of
//!   U+1EA0–U+1EF9, or the combining hook above, dot below and horn) are
//!   present and Vietnamese-marked letters make up at least 5% of letters;
//! - `en` when at least 90% of letters are ASCII and at least 10% of words
//!   are common English function words (`the`, `of`, `and`, …; a third of
//!   ordinary English prose), so that French, Spanish or Vietnamese written
//!   without diacritics is not taken for English.

/// Common English function words; they make up a third of ordinary prose.
const ENGLISH_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "in",
    "is", "it", "its", "of", "on", "or", "said", "that", "the", "their", "they", "this", "to",
    "was", "were", "which", "will", "with",
];

/// Guesses the language of the given texts taken together.
pub(crate) fn detect(texts: &[&str]) -> Option<&'static str> {
    let mut letters = 0_usize;
    let mut ascii_letters = 0_usize;
    let mut vietnamese_only = 0_usize;
    let mut vietnamese = 0_usize;
    for c in texts.iter().flat_map(|t| t.chars()) {
        let only = is_vietnamese_only(c);
        if c.is_alphabetic() {
            letters += 1;
            ascii_letters += usize::from(c.is_ascii_alphabetic());
        }
        vietnamese_only += usize::from(only);
        vietnamese += usize::from(only || is_vietnamese_shared(c));
    }
    if letters == 0 {
        return None;
    }
    if vietnamese_only > 0 && vietnamese * 20 >= letters {
        return Some("vi");
    }
    if ascii_letters * 10 >= letters * 9 {
        let (mut words, mut english) = (0_usize, 0_usize);
        for word in texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        {
            if !word.is_empty() {
                words += 1;
                english += usize::from(ENGLISH_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)));
            }
        }
        if english * 10 >= words {
            return Some("en");
        }
    }
    None
}

/// Letters and marks that, among Latin-script languages, only Vietnamese uses.
fn is_vietnamese_only(c: char) -> bool {
    matches!(
        c,
        '\u{1EA0}'..='\u{1EF9}' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{309}' | '\u{323}' | '\u{31B}'
    )
}

/// Letters and marks Vietnamese shares with other languages.
fn is_vietnamese_shared(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă'
            | 'â'
            | 'Â'
            | 'đ'
            | 'Đ'
            | 'ê'
            | 'Ê'
            | 'ô'
            | 'Ô'
            | 'à'
            | 'á'
            | 'ã'
            | 'è'
            | 'é'
            | 'ì'
            | 'í'
            | 'ĩ'
            | 'ò'
            | 'ó'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ũ'
            | 'ý'
            | 'À'
            | 'Á'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ì'
            | 'Í'
            | 'Ĩ'
            | 'Ò'
            | 'Ó'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ũ'
            | 'Ý'
            | '\u{300}'
            | '\u{301}'
            | '\u{302}'
            | '\u{303}'
            | '\u{306}'
    )
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn english_prose_is_english() {
        assert_eq!(
            detect(&[
                "China could counter US tech curbs by engaging Global South on AI, analysts say",
                "China needs to engage and cooperate more effectively with the Global South on AI governance."
            ]),
            Some("en")
        );
        // A Vietnamese place name in English text does not make it Vietnamese.
        assert_eq!(
            detect(&["The summit in Hà Nội was attended by the ministers of the region."]),
            Some("en")
        );
    }

    #[test]
    fn vietnamese_prose_is_vietnamese_in_nfc_and_nfd() {
        assert_eq!(
            detect(&["Trung Quốc đang đẩy mạnh hợp tác với các nước phía Nam."]),
            Some("vi")
        );
        let nfd = "Trung Quo\u{302}\u{301}c \u{111}ang \u{111}a\u{302}\u{309}y ma\u{323}nh ho\u{31B}\u{323}p ta\u{301}c";
        assert_eq!(detect(&[nfd]), Some("vi"));
    }

    #[test]
    fn other_or_unclear_text_is_left_out() {
        assert_eq!(detect(&[]), None);
        assert_eq!(detect(&["12345 — 678"]), None);
        assert_eq!(
            detect(&["La Chine pourrait contrer les restrictions américaines"]),
            None
        );
        assert_eq!(
            detect(&["Trung Quoc dang day manh hop tac voi cac nuoc"]),
            None
        );
        assert_eq!(
            detect(&["中国可以通过在人工智能方面与全球南方合作来反击美国"]),
            None
        );
        assert_eq!(
            detect(&["Mulțumesc, România și Bucureștiul sunt frumoase"]),
            None
        );
    }
}
