//! Sentences, paragraphs and slugs composed from the phrase pools.

use crate::pools::{en, vi};
use crate::rng::Rng;

/// `text` with its first character upper-cased (Vietnamese letters included).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An English subject as it reads mid-sentence (`The US` → `the US`).
fn mid_sentence(subject: &str) -> String {
    if let Some(rest) = subject.strip_prefix("The ") {
        format!("the {rest}")
    } else if let Some(rest) = subject.strip_prefix("A ") {
        format!("a {rest}")
    } else {
        subject.to_owned()
    }
}

/// A Vietnamese clause: subject, verb, object, complement.
fn vi_clause(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}",
        rng.word(vi::SUBJECTS),
        rng.word(vi::VERBS),
        rng.word(vi::OBJECTS),
        rng.word(vi::COMPLEMENTS)
    )
}

/// A Vietnamese headline (no final full stop, as headlines go).
pub fn vi_headline(rng: &mut Rng) -> String {
    capitalize(&vi_clause(rng))
}

/// A Vietnamese bullet: one sentence on one line, 80–400 characters.
pub fn vi_bullet(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.percent(45) {
        s.push_str(rng.word(vi::OPENERS));
        s.push(' ');
    }
    s.push_str(&vi_clause(rng));
    if rng.percent(60) {
        s.push_str(", đồng thời ");
        s.push_str(rng.word(vi::VERBS));
        s.push(' ');
        s.push_str(rng.word(vi::OBJECTS));
    }
    if rng.percent(35) {
        s.push(' ');
        s.push_str(rng.word(vi::COMPLEMENTS));
    }
    s.push('.');
    capitalize(&s)
}

/// A Vietnamese summary paragraph: two to four sentences and a consequence.
pub fn vi_summary(rng: &mut Rng) -> String {
    let sentences = rng.range_usize(2, 4);
    let mut parts: Vec<String> = (0..sentences).map(|_| vi_bullet(rng)).collect();
    parts.push(rng.word(vi::CONSEQUENCES).to_owned());
    parts.join(" ")
}

/// An English headline for the source article.
pub fn en_headline(rng: &mut Rng) -> String {
    let mut s = format!(
        "{} {} {}",
        rng.word(en::SUBJECTS),
        rng.word(en::VERBS),
        rng.word(en::OBJECTS)
    );
    if rng.percent(70) {
        s.push_str(", ");
        s.push_str(rng.word(en::COMPLEMENTS));
    }
    s
}

/// An English dek (subtitle).
pub fn en_dek(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}",
        rng.word(en::DEK_OPENERS),
        mid_sentence(rng.word(en::SUBJECTS)),
        rng.word(en::VERBS),
        rng.word(en::OBJECTS)
    )
}

/// One English sentence of body text.
fn en_sentence(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => {
            let (name, role) = rng.pick(en::PEOPLE);
            format!("“{},” said {name}, {role}.", rng.word(en::QUOTES))
        }
        1 => {
            let (name, role) = rng.pick(en::PEOPLE);
            format!(
                "{name}, {role}, said {} {} {} {}.",
                mid_sentence(rng.word(en::SUBJECTS)),
                rng.word(en::VERBS),
                rng.word(en::OBJECTS),
                rng.word(en::COMPLEMENTS)
            )
        }
        _ => {
            let opener = rng.word(en::OPENERS);
            let subject = mid_sentence(rng.word(en::SUBJECTS));
            format!(
                "{} {subject} {} {}, {}.",
                opener,
                rng.word(en::VERBS),
                rng.word(en::OBJECTS),
                rng.word(en::CLAUSES)
            )
        }
    }
}

/// An English paragraph of two to four sentences.
fn en_paragraph(rng: &mut Rng) -> String {
    let n = rng.range_usize(2, 4);
    (0..n)
        .map(|_| en_sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// English body text: `paragraphs` paragraphs separated by a blank line.
pub fn en_text(rng: &mut Rng, paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|_| en_paragraph(rng))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The ASCII letter a Vietnamese (or other Latin) lower-case letter is written as in a URL.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        other => other,
    }
}

/// A URL slug: ASCII letters in lower case joined by `-`, at most `max`
/// bytes, cut at a word boundary. Digits are left out so that the article
/// number stays the only run of digits an id is read from.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let word: String = word
            .chars()
            .flat_map(char::to_lowercase)
            .map(fold)
            .filter(char::is_ascii_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        "bai-viet".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{capitalize, en_text, slug, vi_bullet, vi_headline};
    use crate::rng::Rng;

    #[test]
    fn slugs_fold_vietnamese_to_ascii() {
        assert_eq!(slug("Trung Quốc đẩy mạnh AI", 80), "trung-quoc-day-manh-ai");
        assert_eq!(
            slug("Đường đến năm 2030: “chủ quyền số”", 80),
            "duong-den-nam-chu-quyen-so"
        );
        assert_eq!(
            slug("China could counter US tech curbs", 20),
            "china-could-counter"
        );
        assert_eq!(slug("!!! 123", 80), "bai-viet");
    }

    #[test]
    fn capitalize_handles_vietnamese() {
        assert_eq!(capitalize("đang đẩy mạnh"), "Đang đẩy mạnh");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn bullets_and_headlines_are_one_line_and_not_blank() {
        let mut rng = Rng::new(9);
        for _ in 0..500 {
            for (text, max) in [(vi_bullet(&mut rng), 2000), (vi_headline(&mut rng), 300)] {
                assert!(!text.trim().is_empty());
                assert!(!text.chars().any(char::is_control), "{text:?}");
                assert!(text.chars().count() <= max, "{text:?}");
            }
        }
    }

    #[test]
    fn body_text_has_blank_line_paragraphs() {
        let text = en_text(&mut Rng::new(5), 4);
        assert_eq!(text.split("\n\n").count(), 4);
        assert!(!text.contains("\n\n\n"));
    }
}
