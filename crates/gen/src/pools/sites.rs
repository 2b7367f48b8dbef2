//! News sites the source articles come from, and the summary site's own details.

/// A news site: its host, its name, and how it numbers article URLs.
#[derive(Debug)]
pub struct Site {
    /// Host name, as in the URL.
    pub host: &'static str,
    /// The publisher's name (`source.publisher`).
    pub publisher: &'static str,
    /// URL template: `{n}` is the article number, `{slug}` the headline slug.
    pub template: &'static str,
    /// Article numbers of this site start here (so they look like the site's).
    pub base: u64,
}

/// The sites, each numbering its articles its own way; every template has
/// exactly one `{n}` and it is the last run of digits, so
/// `articlekit_model::id_from_url` reads the number back as the id.
pub const SITES: &[Site] = &[
    Site {
        host: "www.scmp.com",
        publisher: "South China Morning Post",
        template: "https://www.scmp.com/tech/big-tech/article/{n}/{slug}",
        base: 3_320_000,
    },
    Site {
        host: "www.reuters.com",
        publisher: "Reuters",
        template: "https://www.reuters.com/technology/artificial-intelligence/{slug}-idUS{n}/",
        base: 2_025_071_900,
    },
    Site {
        host: "www.theverge.com",
        publisher: "The Verge",
        template: "https://www.theverge.com/ai-artificial-intelligence/{n}/{slug}",
        base: 712_345,
    },
    Site {
        host: "www.bloomberg.com",
        publisher: "Bloomberg",
        template: "https://www.bloomberg.com/news/articles/{n}/{slug}",
        base: 50_012_345,
    },
    Site {
        host: "asia.nikkei.com",
        publisher: "Nikkei Asia",
        template: "https://asia.nikkei.com/business/technology/{slug}-{n}",
        base: 100_245,
    },
    Site {
        host: "www.wired.com",
        publisher: "Wired",
        template: "https://www.wired.com/story/{slug}-{n}/",
        base: 880_000,
    },
    Site {
        host: "www.theguardian.com",
        publisher: "The Guardian",
        template: "https://www.theguardian.com/technology/article/{n}/{slug}",
        base: 6_100_000,
    },
    Site {
        host: "e.vnexpress.net",
        publisher: "VnExpress International",
        template: "https://e.vnexpress.net/news/tech/{slug}-{n}.html",
        base: 4_912_345,
    },
    Site {
        host: "restofworld.org",
        publisher: "Rest of World",
        template: "https://restofworld.org/{n}/{slug}/",
        base: 202_500,
    },
    Site {
        host: "www.technologyreview.com",
        publisher: "MIT Technology Review",
        template: "https://www.technologyreview.com/{n}/{slug}/",
        base: 1_120_000,
    },
    Site {
        host: "arstechnica.com",
        publisher: "Ars Technica",
        template: "https://arstechnica.com/ai/{n}/{slug}/",
        base: 2_040_000,
    },
    Site {
        host: "www.nikkei.com",
        publisher: "Nikkei",
        template: "https://www.nikkei.com/article/DGXZQO{n}/",
        base: 8_720_000,
    },
];

/// The summary site of the seed page (its footer). Its real address is not
/// on the page, so, as in `fixtures/channel.toml`, it is on the reserved
/// `.example` domain.
pub const HOME: (&str, &str, &str) = (
    "Sóng AI",
    "Tóm tắt tin, bài trí tuệ nhân tạo",
    "https://songai.example",
);

/// Other summary sites, for variety.
pub const OTHER_HOMES: &[(&str, &str, &str)] = &[
    (
        "Bản tin AI",
        "Tin công nghệ mỗi ngày",
        "https://bantinai.example",
    ),
    (
        "Góc Công Nghệ",
        "Đọc nhanh, hiểu sâu",
        "https://goccongnghe.example",
    ),
];

/// Attachment kinds: display-name stem, file extension, media type, size range in bytes.
pub const ATTACHMENTS: &[(&str, &str, &str, u64, u64)] = &[
    (
        "Báo cáo toàn văn",
        "pdf",
        "application/pdf",
        80_000,
        8_000_000,
    ),
    ("Biểu đồ đầu tư", "png", "image/png", 20_000, 2_000_000),
    ("Ảnh minh họa", "jpg", "image/jpeg", 30_000, 4_000_000),
    (
        "Bản tin âm thanh",
        "mp3",
        "audio/mpeg",
        1_000_000,
        30_000_000,
    ),
    ("Phụ lục số liệu", "pdf", "application/pdf", 10_000, 900_000),
];
