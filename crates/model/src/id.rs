//! Deterministic article ids derived from a source URL.

/// Derives a readable, URL-safe id from a source URL.
///
/// The id is the first label of the host (without `www.`) joined to the last
/// run of four or more digits in the path, as publishers number their
/// articles (`https://www.scmp.com/.../article/3318837/...` → `scmp-3318837`).
/// Without such a number it is the host label, a slug of the last path
/// segment and a short hash of the whole URL, so different URLs give
/// different ids. The same URL always gives the same id.
///
/// ```
/// assert_eq!(
///     articlekit_model::id_from_url("https://www.scmp.com/news/article/3318837/china-ai"),
///     "scmp-3318837"
/// );
/// ```
pub fn id_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let label = slug(host.split('.').next().unwrap_or(""), 40);
    let label = if label.is_empty() {
        "article".to_owned()
    } else {
        label
    };
    let path = path.split(['?', '#']).next().unwrap_or("");

    let number = path
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|run| run.len() >= 4);
    if let Some(number) = number {
        let number = &number[..number.len().min(60)];
        return format!("{label}-{number}");
    }
    let last = path.split('/').rfind(|s| !s.is_empty()).unwrap_or("");
    let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let tail = slug(last, 60);
    // Eight hex digits of the hash tell URLs apart without making ids long.
    let hash = fnv1a(url.as_bytes()) >> 32;
    if tail.is_empty() {
        format!("{label}-{hash:08x}")
    } else {
        format!("{label}-{tail}-{hash:08x}")
    }
}

fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::id_from_url;

    #[test]
    fn numbered_articles_use_host_and_number() {
        assert_eq!(
            id_from_url(
                "https://www.scmp.com/news/china/diplomacy/article/3318837/china-could-counter"
            ),
            "scmp-3318837"
        );
        assert_eq!(
            id_from_url("http://vnexpress.net/ai-4912345.html"),
            "vnexpress-4912345"
        );
    }

    #[test]
    fn unnumbered_articles_get_slug_and_hash() {
        let a = id_from_url("https://example.com/blog/hello-world");
        let b = id_from_url("https://example.com/other/hello-world");
        assert!(a.starts_with("example-hello-world-"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, id_from_url("https://example.com/blog/hello-world"));
    }

    #[test]
    fn ids_always_fit_the_id_rule() {
        for url in [
            "https://",
            "",
            "https://ĐẶC.vn/é",
            "x://@:/?#",
            "https://a.b/123",
        ] {
            let id = id_from_url(url);
            assert!(!id.is_empty() && id.len() <= 128, "{id}");
            assert!(
                id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()),
                "{id}"
            );
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c)),
                "{id}"
            );
        }
    }
}
