//! Deserializing a record straight into the model while checking every
//! rule of [`Rules`] on the way. Any doubt is a refusal (an error of the
//! deserializer, whose text nobody reads): the record then takes the full
//! path, which finds and words its errors. Properties are numbered as in
//! [`OBJECTS`](super::rules::OBJECTS).

use std::cell::Cell;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use articlekit_model::{Article, Attachment, Author, Metadata, Publisher, Source};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use serde_json::Value;

use super::rules::{
    ARTICLE, ATTACHMENT, AUTHOR, Formats, METADATA, OBJECTS, PUBLISHER, Rule, Rules, SOURCE,
    TextRule,
};

/// What one record's check shares.
pub(crate) struct Ctx<'r> {
    pub rules: &'r Rules,
    /// Whether the article is built in full; when not, only `metadata.id`
    /// and the dates are kept (what `validate` needs).
    pub build: bool,
    /// JSON values still allowed (the full path's limit on values).
    pub left: Cell<usize>,
    pub formats: &'r Formats,
    /// The string value formats are checked on, allocated once per record.
    pub scratch: std::cell::RefCell<Value>,
}

fn refuse<E: de::Error>() -> E {
    E::custom("left to the full path")
}

impl Ctx<'_> {
    /// Counts one value, as the full path's parser does.
    fn count<E: de::Error>(&self) -> Result<(), E> {
        let left = self.left.get().checked_sub(1).ok_or_else(refuse)?;
        self.left.set(left);
        Ok(())
    }

    fn rule(&self, object: usize, property: usize) -> &Rule {
        &self.rules.objects[object][property]
    }

    fn text(&self, object: usize, property: usize, keep: bool) -> Text<'_> {
        Text {
            ctx: self,
            rule: &self.rule(object, property).text,
            keep: keep || self.build,
            hashes: None,
        }
    }
}

/// Marks property `i` seen; a second time is a repeated key.
fn first_time<E: de::Error>(seen: &mut u32, i: usize) -> Result<(), E> {
    let bit = 1 << i;
    if *seen & bit != 0 {
        return Err(refuse());
    }
    *seen |= bit;
    Ok(())
}

fn all_required<E: de::Error>(ctx: &Ctx<'_>, object: usize, seen: u32) -> Result<(), E> {
    let required = ctx.rules.required[object];
    if seen & required == required {
        Ok(())
    } else {
        Err(refuse())
    }
}

/// A key of an object of the model: its property's number.
#[derive(Clone, Copy)]
struct Key(usize);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property of the model")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        OBJECTS[self.0]
            .properties
            .iter()
            .position(|p| p.name == key)
            .ok_or_else(refuse)
    }
}

/// A string and its rules.
struct Text<'a> {
    ctx: &'a Ctx<'a>,
    rule: &'a TextRule,
    /// Whether the string is kept (else an empty one is returned).
    keep: bool,
    /// Where the string's hash goes, for `uniqueItems`.
    hashes: Option<&'a mut Vec<u64>>,
}

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        self.ctx.count()?;
        d.deserialize_str(self)
    }
}

impl Text<'_> {
    fn take<E: de::Error>(self, text: &str) -> Result<bool, E> {
        let format = |format, text: &str| {
            self.ctx
                .scratch
                .try_borrow_mut()
                .is_ok_and(|mut scratch| self.ctx.formats.accepts(format, text, &mut scratch))
        };
        if !self.rule.accepts(text, format) {
            return Err(refuse());
        }
        if let Some(hashes) = self.hashes {
            let mut hasher = DefaultHasher::new();
            text.hash(&mut hasher);
            hashes.push(hasher.finish());
        }
        Ok(self.keep)
    }
}

impl Visitor<'_> for Text<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(if self.take(text)? {
            text.to_owned()
        } else {
            String::new()
        })
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(if self.take(&text)? {
            text
        } else {
            String::new()
        })
    }
}

/// An array of strings (`bullets`, `tags`).
struct Texts<'a> {
    ctx: &'a Ctx<'a>,
    rule: &'a Rule,
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for Texts<'_> {
    type Value = Vec<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        self.ctx.count()?;
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Texts<'_> {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut items = Vec::new();
        let mut hashes = Vec::new();
        let mut n = 0_u64;
        let max = self.rule.max_items.unwrap_or(u64::MAX);
        loop {
            let seed = Text {
                ctx: self.ctx,
                rule: &self.rule.text,
                keep: self.keep,
                hashes: self.rule.unique.then_some(&mut hashes),
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                break;
            };
            n += 1;
            if n > max {
                return Err(refuse());
            }
            if self.keep {
                items.push(item);
            }
        }
        if n < self.rule.min_items {
            return Err(refuse());
        }
        if self.rule.unique {
            // Equal strings have equal hashes; equal hashes of different
            // strings are left to the full path.
            hashes.sort_unstable();
            if hashes.windows(2).any(|w| w[0] == w[1]) {
                return Err(refuse());
            }
        }
        Ok(items)
    }
}

/// An array of objects of the model.
struct Many<'a, S> {
    ctx: &'a Ctx<'a>,
    rule: &'a Rule,
    item: S,
}

impl<'de, S, T> DeserializeSeed<'de> for Many<'_, S>
where
    S: DeserializeSeed<'de, Value = T> + Copy,
{
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        self.ctx.count()?;
        d.deserialize_seq(self)
    }
}

impl<'de, S, T> Visitor<'de> for Many<'_, S>
where
    S: DeserializeSeed<'de, Value = T> + Copy,
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        let mut n = 0_u64;
        let max = self.rule.max_items.unwrap_or(u64::MAX);
        while let Some(item) = seq.next_element_seed(self.item)? {
            n += 1;
            if n > max {
                return Err(refuse());
            }
            if self.ctx.build {
                items.push(item);
            }
        }
        if n < self.rule.min_items {
            return Err(refuse());
        }
        Ok(items)
    }
}

/// A non-negative integer and its range. Only a number read as an
/// unsigned integer is taken: `10.0`, `1e1` and `-0` go to the full path.
struct Integer<'a> {
    ctx: &'a Ctx<'a>,
    rule: &'a Rule,
}

impl<'de> DeserializeSeed<'de> for Integer<'_> {
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        self.ctx.count()?;
        d.deserialize_u64(self)
    }
}

impl Visitor<'_> for Integer<'_> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v >= self.rule.minimum && self.rule.maximum.is_none_or(|max| v <= max) {
            Ok(v)
        } else {
            Err(refuse())
        }
    }
}

/// Declares the seed of an object of the model: counts it as a value and
/// reads it as a map.
macro_rules! object_seed {
    ($seed:ident, $value:ty) => {
        #[derive(Clone, Copy)]
        pub(crate) struct $seed<'a>(pub &'a Ctx<'a>);

        impl<'de> DeserializeSeed<'de> for $seed<'_> {
            type Value = $value;

            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$value, D::Error> {
                self.0.count()?;
                d.deserialize_map(self)
            }
        }
    };
}

object_seed!(ArticleSeed, Article);
object_seed!(MetadataSeed, Metadata);
object_seed!(AuthorSeed, Author);
object_seed!(PublisherSeed, Publisher);
object_seed!(SourceSeed, Source);
object_seed!(AttachmentSeed, Attachment);

/// An optional string property: `Some` when present (and kept).
fn some(text: String, keep: bool) -> Option<String> {
    keep.then_some(text)
}

impl<'de> Visitor<'de> for ArticleSeed<'_> {
    type Value = Article;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an article")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Article, A::Error> {
        let ctx = self.0;
        let (mut metadata, mut summary, mut bullets) = (None, String::new(), Vec::new());
        let (mut attachments, mut discussion_count) = (Vec::new(), 0);
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(ARTICLE))? {
            first_time(&mut seen, i)?;
            let rule = ctx.rule(ARTICLE, i);
            match i {
                0 => metadata = Some(map.next_value_seed(MetadataSeed(ctx))?),
                1 => summary = map.next_value_seed(ctx.text(ARTICLE, i, false))?,
                2 => {
                    bullets = map.next_value_seed(Texts {
                        ctx,
                        rule,
                        keep: ctx.build,
                    })?;
                }
                3 => {
                    attachments = map.next_value_seed(Many {
                        ctx,
                        rule,
                        item: AttachmentSeed(ctx),
                    })?;
                }
                4 => {
                    let n = map.next_value_seed(Integer { ctx, rule })?;
                    discussion_count = u32::try_from(n).map_err(|_| refuse())?;
                }
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, ARTICLE, seen)?;
        Ok(Article {
            metadata: metadata.ok_or_else(refuse)?,
            summary,
            bullets,
            attachments,
            discussion_count,
        })
    }
}

impl<'de> Visitor<'de> for MetadataSeed<'_> {
    type Value = Metadata;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("metadata")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Metadata, A::Error> {
        let ctx = self.0;
        let mut m = Metadata {
            id: String::new(),
            title: String::new(),
            language: String::new(),
            url: None,
            published_at: None,
            updated_at: None,
            authors: Vec::new(),
            tags: Vec::new(),
            publisher: None,
            source: None,
        };
        let build = ctx.build;
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(METADATA))? {
            first_time(&mut seen, i)?;
            let rule = ctx.rule(METADATA, i);
            match i {
                // The id and the dates are kept even when the article is not built.
                0 => m.id = map.next_value_seed(ctx.text(METADATA, i, true))?,
                1 => m.title = map.next_value_seed(ctx.text(METADATA, i, false))?,
                2 => m.language = map.next_value_seed(ctx.text(METADATA, i, false))?,
                3 => m.url = some(map.next_value_seed(ctx.text(METADATA, i, false))?, build),
                4 => m.published_at = Some(map.next_value_seed(ctx.text(METADATA, i, true))?),
                5 => m.updated_at = Some(map.next_value_seed(ctx.text(METADATA, i, true))?),
                6 => {
                    m.authors = map.next_value_seed(Many {
                        ctx,
                        rule,
                        item: AuthorSeed(ctx),
                    })?;
                }
                7 => {
                    m.tags = map.next_value_seed(Texts {
                        ctx,
                        rule,
                        keep: build,
                    })?;
                }
                8 => {
                    let publisher = map.next_value_seed(PublisherSeed(ctx))?;
                    m.publisher = build.then_some(publisher);
                }
                9 => {
                    let source = map.next_value_seed(SourceSeed(ctx))?;
                    m.source = build.then_some(source);
                }
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, METADATA, seen)?;
        Ok(m)
    }
}

impl<'de> Visitor<'de> for AuthorSeed<'_> {
    type Value = Author;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an author")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Author, A::Error> {
        let ctx = self.0;
        let (mut name, mut url) = (String::new(), None);
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(AUTHOR))? {
            first_time(&mut seen, i)?;
            let text = map.next_value_seed(ctx.text(AUTHOR, i, false))?;
            match i {
                0 => name = text,
                1 => url = some(text, ctx.build),
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, AUTHOR, seen)?;
        Ok(Author { name, url })
    }
}

impl<'de> Visitor<'de> for PublisherSeed<'_> {
    type Value = Publisher;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a publisher")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Publisher, A::Error> {
        let ctx = self.0;
        let (mut name, mut tagline, mut url) = (String::new(), None, None);
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(PUBLISHER))? {
            first_time(&mut seen, i)?;
            let text = map.next_value_seed(ctx.text(PUBLISHER, i, false))?;
            match i {
                0 => name = text,
                1 => tagline = some(text, ctx.build),
                2 => url = some(text, ctx.build),
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, PUBLISHER, seen)?;
        Ok(Publisher { name, tagline, url })
    }
}

impl<'de> Visitor<'de> for SourceSeed<'_> {
    type Value = Source;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a source")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Source, A::Error> {
        let ctx = self.0;
        let mut s = Source {
            url: String::new(),
            title: None,
            subtitle: None,
            publisher: None,
            language: None,
            text: None,
        };
        let build = ctx.build;
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(SOURCE))? {
            first_time(&mut seen, i)?;
            let text = map.next_value_seed(ctx.text(SOURCE, i, false))?;
            match i {
                0 => s.url = text,
                1 => s.title = some(text, build),
                2 => s.subtitle = some(text, build),
                3 => s.publisher = some(text, build),
                4 => s.language = some(text, build),
                5 => s.text = some(text, build),
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, SOURCE, seen)?;
        Ok(s)
    }
}

impl<'de> Visitor<'de> for AttachmentSeed<'_> {
    type Value = Attachment;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attachment")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attachment, A::Error> {
        let ctx = self.0;
        let (mut name, mut url, mut media_type, mut size_bytes) =
            (String::new(), String::new(), None, None);
        let mut seen = 0;
        while let Some(i) = map.next_key_seed(Key(ATTACHMENT))? {
            first_time(&mut seen, i)?;
            match i {
                0 => name = map.next_value_seed(ctx.text(ATTACHMENT, i, false))?,
                1 => url = map.next_value_seed(ctx.text(ATTACHMENT, i, false))?,
                2 => {
                    let text = map.next_value_seed(ctx.text(ATTACHMENT, i, false))?;
                    media_type = some(text, ctx.build);
                }
                3 => {
                    let rule = ctx.rule(ATTACHMENT, i);
                    size_bytes = Some(map.next_value_seed(Integer { ctx, rule })?);
                }
                _ => return Err(refuse()),
            }
        }
        all_required(ctx, ATTACHMENT, seen)?;
        Ok(Attachment {
            name,
            url,
            media_type,
            size_bytes,
        })
    }
}
