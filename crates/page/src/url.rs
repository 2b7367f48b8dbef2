//! The shape of the URLs a page may hold.

/// True for an absolute `http`/`https` URL with a host, with no whitespace
/// or control characters anywhere (the model's `HTTP_URL` rule; the finer
/// RFC 3986 check is the schema's `uri` format).
pub(crate) fn is_http_url(text: &str) -> bool {
    let Some(rest) = strip_scheme(text) else {
        return false;
    };
    let host_starts = rest
        .chars()
        .next()
        .is_some_and(|c| !matches!(c, '/' | '?' | '#'));
    host_starts && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The text after `http://` or `https://` (scheme in any case).
pub(crate) fn strip_scheme(text: &str) -> Option<&str> {
    ["http://", "https://"].iter().find_map(|scheme| {
        text.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &text[scheme.len()..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_http_and_https_urls_pass() {
        for good in [
            "https://www.scmp.com/news/article/3318837/x",
            "http://a.example",
            "HTTPS://A.EXAMPLE/x?y=1#z",
            "https://vi.wikipedia.org/wiki/Trí_tuệ_nhân_tạo",
        ] {
            assert!(is_http_url(good), "{good}");
        }
    }

    #[test]
    fn everything_else_fails() {
        for bad in [
            "",
            "www.scmp.com/news",
            "ftp://a.example/x",
            "mailto:a@b.example",
            "https://",
            "https:///path",
            "https://a.example/has space",
            "https://a.example/\u{7}",
            "javascript:alert(1)",
            "/relative/path",
            "httpsx://a.example",
            "https:/a.example",
            "ñ",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
