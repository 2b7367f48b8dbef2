//! The fast path's rules, read from the model's generated schema.
//!
//! Nothing here is a second copy of the schema: the shape of each object
//! (which properties, of which kind) is the table [`OBJECTS`], and every
//! number and rule is read from the schema by [`Rules::from_schema`]. It
//! walks every keyword of every object and property and refuses one it has
//! no rule for, a property the table does not know, or one the table has
//! and the schema lacks. The checker then runs without a fast path (every
//! record takes the full path), and a test fails: a rule added to the model
//! and not here cannot go unnoticed, and cannot make the fast path accept
//! what the schema refuses.

use articlekit_model::rules::{
    ANY_CONTROL, BAD_CONTROL, HTTP_URL, ID_PATTERN, LANGUAGE_TAG, MEDIA_TYPE, NOT_BLANK,
};
use serde_json::{Map, Value};

use crate::not_keyword::any_byte;

/// What a property holds, as the fast path deserializes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An object of the model (an index in [`OBJECTS`]).
    Object(usize),
    /// An array of objects of the model.
    Objects(usize),
    /// A string.
    Text,
    /// An array of strings.
    Texts,
    /// A non-negative integer.
    Integer,
}

/// A property of an object of the model.
#[derive(Debug)]
pub(crate) struct Property {
    pub name: &'static str,
    pub kind: Kind,
}

/// An object of the model: its name under `$defs` (`""` for the root) and
/// its properties, in the order the deserializers number them.
#[derive(Debug)]
pub(crate) struct Object {
    pub def: &'static str,
    pub properties: &'static [Property],
}

const fn p(name: &'static str, kind: Kind) -> Property {
    Property { name, kind }
}

pub(crate) const ARTICLE: usize = 0;
pub(crate) const METADATA: usize = 1;
pub(crate) const AUTHOR: usize = 2;
pub(crate) const PUBLISHER: usize = 3;
pub(crate) const SOURCE: usize = 4;
pub(crate) const ATTACHMENT: usize = 5;

/// The objects of the model. The deserializers in `de.rs` number each
/// object's properties in this order.
pub(crate) static OBJECTS: [Object; 6] = [
    Object {
        def: "",
        properties: &[
            p("metadata", Kind::Object(METADATA)),
            p("summary", Kind::Text),
            p("bullets", Kind::Texts),
            p("attachments", Kind::Objects(ATTACHMENT)),
            p("discussion_count", Kind::Integer),
        ],
    },
    Object {
        def: "Metadata",
        properties: &[
            p("id", Kind::Text),
            p("title", Kind::Text),
            p("language", Kind::Text),
            p("url", Kind::Text),
            p("published_at", Kind::Text),
            p("updated_at", Kind::Text),
            p("authors", Kind::Objects(AUTHOR)),
            p("tags", Kind::Texts),
            p("publisher", Kind::Object(PUBLISHER)),
            p("source", Kind::Object(SOURCE)),
        ],
    },
    Object {
        def: "Author",
        properties: &[p("name", Kind::Text), p("url", Kind::Text)],
    },
    Object {
        def: "Publisher",
        properties: &[
            p("name", Kind::Text),
            p("tagline", Kind::Text),
            p("url", Kind::Text),
        ],
    },
    Object {
        def: "Source",
        properties: &[
            p("url", Kind::Text),
            p("title", Kind::Text),
            p("subtitle", Kind::Text),
            p("publisher", Kind::Text),
            p("language", Kind::Text),
            p("text", Kind::Text),
        ],
    },
    Object {
        def: "Attachment",
        properties: &[
            p("name", Kind::Text),
            p("url", Kind::Text),
            p("media_type", Kind::Text),
            p("size_bytes", Kind::Integer),
        ],
    },
];

/// A `pattern` the fast path knows, by the model's constant it is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// [`NOT_BLANK`]: some character that is not whitespace.
    NotBlank,
    /// [`ID_PATTERN`].
    Id,
    /// [`LANGUAGE_TAG`].
    LanguageTag,
    /// [`MEDIA_TYPE`].
    MediaType,
    /// [`HTTP_URL`]: checked on a narrower set (the host starts with an
    /// ASCII letter or digit); anything else is left to the full path.
    HttpUrl,
}

/// A `not: {pattern}` the fast path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Forbid {
    /// [`ANY_CONTROL`]: no byte below 0x20.
    AnyControl,
    /// [`BAD_CONTROL`]: no byte below 0x20 but tab, LF and CR.
    BadControl,
}

/// A `format` the fast path knows; both are checked by `jsonschema`'s own
/// functions, those the full path runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Uri,
    DateTime,
}

/// The rules of one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TextRule {
    pub min_chars: u64,
    pub max_chars: Option<u64>,
    pub patterns: Vec<Pattern>,
    pub forbid: Option<Forbid>,
    pub format: Option<Format>,
}

/// The rules of one property.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rule {
    /// Of the string, or of each string of an array.
    pub text: TextRule,
    pub min_items: u64,
    pub max_items: Option<u64>,
    pub unique: bool,
    pub minimum: u64,
    pub maximum: Option<u64>,
}

/// Every rule of the schema, by object and property (as in [`OBJECTS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub objects: Vec<Vec<Rule>>,
    /// Per object, a bit per required property.
    pub required: Vec<u32>,
}

/// Keywords that only describe: they constrain nothing.
const ANNOTATIONS: [&str; 4] = ["description", "title", "$comment", "examples"];

impl Rules {
    /// The rules of `schema`, or what in it the fast path has no rule for.
    pub(crate) fn from_schema(schema: &Value) -> Result<Self, String> {
        let mut objects = Vec::with_capacity(OBJECTS.len());
        let mut required = Vec::with_capacity(OBJECTS.len());
        for object in &OBJECTS {
            let at = if object.def.is_empty() {
                "the root".to_owned()
            } else {
                format!("$defs/{}", object.def)
            };
            let node = if object.def.is_empty() {
                Some(schema)
            } else {
                schema.get("$defs").and_then(|d| d.get(object.def))
            };
            let map = node
                .and_then(Value::as_object)
                .ok_or_else(|| format!("{at}: no such object in the schema"))?;
            let (rules, mask) = object_rules(object, map, &at)?;
            objects.push(rules);
            required.push(mask);
        }
        Ok(Self { objects, required })
    }
}

fn object_rules(
    object: &Object,
    map: &Map<String, Value>,
    at: &str,
) -> Result<(Vec<Rule>, u32), String> {
    let mut properties = None;
    let mut mask = 0;
    let (mut typed, mut closed) = (false, false);
    for (keyword, value) in map {
        match keyword.as_str() {
            "type" if value == "object" => typed = true,
            "additionalProperties" if value == false => closed = true,
            "properties" => properties = value.as_object(),
            "required" => {
                for name in value
                    .as_array()
                    .ok_or(format!("{at}: `required` not a list"))?
                {
                    let i = object
                        .properties
                        .iter()
                        .position(|p| name == p.name)
                        .ok_or(format!("{at}: required {name} is not a property"))?;
                    mask |= 1 << i;
                }
            }
            "$schema" | "$id" | "$defs" if object.def.is_empty() => {}
            k if ANNOTATIONS.contains(&k) => {}
            _ => return Err(format!("{at}: no fast-path rule for `{keyword}: {value}`")),
        }
    }
    if !typed || !closed {
        return Err(format!(
            "{at}: the fast path needs `type: object` and `additionalProperties: false`"
        ));
    }
    let properties = properties.ok_or(format!("{at}: no properties"))?;
    if let Some(extra) = properties
        .keys()
        .find(|k| !object.properties.iter().any(|p| p.name == k.as_str()))
    {
        return Err(format!("{at}: property `{extra}` has no fast-path rule"));
    }
    let rules = object
        .properties
        .iter()
        .map(|property| {
            let at = format!("{at}/properties/{}", property.name);
            let schema = properties
                .get(property.name)
                .and_then(Value::as_object)
                .ok_or(format!("{at}: missing from the schema"))?;
            property_rule(property.kind, schema, &at)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((rules, mask))
}

fn reference(kind: Kind) -> Option<String> {
    match kind {
        Kind::Object(t) | Kind::Objects(t) => Some(format!("#/$defs/{}", OBJECTS[t].def)),
        _ => None,
    }
}

fn property_rule(kind: Kind, map: &Map<String, Value>, at: &str) -> Result<Rule, String> {
    let mut rule = Rule::default();
    let number = |value: &Value, keyword: &str| {
        value
            .as_u64()
            .ok_or(format!("{at}: `{keyword}: {value}` is not a whole number"))
    };
    let mut typed = false;
    let mut items = false;
    for (keyword, value) in map {
        let k = keyword.as_str();
        match (kind, k) {
            (Kind::Object(_), "$ref") if reference(kind).is_some_and(|r| value == &r) => {
                typed = true;
            }
            (Kind::Objects(_) | Kind::Texts, "type") if value == "array" => typed = true,
            (Kind::Objects(_), "items") => {
                let target = value.get("$ref");
                if value.as_object().is_some_and(|o| o.len() == 1)
                    && reference(kind).is_some_and(|r| target == Some(&Value::String(r)))
                {
                    items = true;
                } else {
                    return Err(format!("{at}: no fast-path rule for `items: {value}`"));
                }
            }
            (Kind::Texts, "items") => {
                let items_map = value
                    .as_object()
                    .ok_or(format!("{at}: `items` is not a schema"))?;
                rule.text = text_rule(items_map, &format!("{at}/items"))?;
                items = true;
            }
            (Kind::Objects(_) | Kind::Texts, "minItems") => rule.min_items = number(value, k)?,
            (Kind::Objects(_) | Kind::Texts, "maxItems") => {
                rule.max_items = Some(number(value, k)?);
            }
            (Kind::Objects(_) | Kind::Texts, "uniqueItems") => {
                rule.unique = value.as_bool().ok_or(format!("{at}: uniqueItems"))?;
            }
            (Kind::Integer, "type") if value == "integer" => typed = true,
            (Kind::Integer, "minimum") => rule.minimum = number(value, k)?,
            (Kind::Integer, "maximum") => rule.maximum = Some(number(value, k)?),
            (Kind::Text, _) => {}
            (_, k) if ANNOTATIONS.contains(&k) => {}
            _ => return Err(format!("{at}: no fast-path rule for `{keyword}: {value}`")),
        }
    }
    if kind == Kind::Text {
        rule.text = text_rule(map, at)?;
        typed = true;
        items = true;
    }
    if matches!(kind, Kind::Object(_) | Kind::Integer) {
        items = true;
    }
    if rule.unique && kind != Kind::Texts {
        return Err(format!("{at}: uniqueItems is only checked on strings"));
    }
    if !typed || !items {
        return Err(format!("{at}: its type is not the one the fast path reads"));
    }
    Ok(rule)
}

fn text_rule(map: &Map<String, Value>, at: &str) -> Result<TextRule, String> {
    let mut rule = TextRule::default();
    let mut typed = false;
    let number = |value: &Value, keyword: &str| {
        value
            .as_u64()
            .ok_or(format!("{at}: `{keyword}: {value}` is not a whole number"))
    };
    for (keyword, value) in map {
        match keyword.as_str() {
            "type" if value == "string" => typed = true,
            "minLength" => rule.min_chars = number(value, keyword)?,
            "maxLength" => rule.max_chars = Some(number(value, keyword)?),
            "pattern" => rule.patterns.push(match value.as_str() {
                Some(NOT_BLANK) => Pattern::NotBlank,
                Some(ID_PATTERN) => Pattern::Id,
                Some(LANGUAGE_TAG) => Pattern::LanguageTag,
                Some(MEDIA_TYPE) => Pattern::MediaType,
                Some(HTTP_URL) => Pattern::HttpUrl,
                _ => return Err(format!("{at}: no fast-path rule for pattern {value}")),
            }),
            "not" => {
                let only = value
                    .as_object()
                    .filter(|o| o.len() == 1)
                    .and_then(|o| o.get("pattern"))
                    .and_then(Value::as_str);
                rule.forbid = Some(match only {
                    Some(ANY_CONTROL) => Forbid::AnyControl,
                    Some(BAD_CONTROL) => Forbid::BadControl,
                    _ => return Err(format!("{at}: no fast-path rule for `not: {value}`")),
                });
            }
            "format" => {
                rule.format = Some(match value.as_str() {
                    Some("uri") => Format::Uri,
                    Some("date-time") => Format::DateTime,
                    _ => return Err(format!("{at}: no fast-path rule for format {value}")),
                });
            }
            k if ANNOTATIONS.contains(&k) => {}
            _ => return Err(format!("{at}: no fast-path rule for `{keyword}: {value}`")),
        }
    }
    if !typed {
        return Err(format!("{at}: not a string"));
    }
    Ok(rule)
}

/// Whitespace as [`NOT_BLANK`] lists it.
fn is_blank_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// Characters (code points) in `text`, as `minLength`/`maxLength` count.
fn chars(text: &[u8]) -> u64 {
    // Every byte but a continuation byte starts a character.
    text.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
}

impl TextRule {
    /// Whether `text` keeps every rule. `false` when it breaks one, or
    /// when the fast path cannot tell (the full path decides then).
    pub(crate) fn accepts(&self, text: &str, format: impl FnOnce(Format, &str) -> bool) -> bool {
        let bytes = text.as_bytes();
        match self.forbid {
            Some(Forbid::AnyControl) if any_byte(bytes, |b| b < 0x20) => return false,
            Some(Forbid::BadControl)
                if any_byte(bytes, |b| {
                    b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'
                }) =>
            {
                return false;
            }
            _ => {}
        }
        let len = bytes.len() as u64;
        // A character takes one to four bytes: count them only when the byte
        // length cannot tell.
        let max = self.max_chars.unwrap_or(u64::MAX);
        if len < self.min_chars {
            return false;
        }
        if (len > max || (self.min_chars > 1 && len < 4 * self.min_chars)) && {
            let n = chars(bytes);
            n > max || n < self.min_chars
        } {
            return false;
        }
        for pattern in &self.patterns {
            let ok = match pattern {
                Pattern::NotBlank => text.chars().any(|c| !is_blank_char(c)),
                Pattern::Id => id(bytes),
                Pattern::LanguageTag => language_tag(bytes),
                Pattern::MediaType => media_type(bytes),
                Pattern::HttpUrl => http_url(bytes),
            };
            if !ok {
                return false;
            }
        }
        match self.format {
            Some(f) => format(f, text),
            None => true,
        }
    }
}

/// The formats, checked by `jsonschema` itself: a validator of
/// `{"type": "string", "format": ...}` with formats asserted, the code the
/// full path runs.
#[derive(Debug)]
pub(crate) struct Formats {
    uri: jsonschema::Validator,
    date_time: jsonschema::Validator,
}

impl Formats {
    pub(crate) fn new() -> Result<Self, String> {
        let build = |format: &str| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&serde_json::json!({ "type": "string", "format": format }))
                .map_err(|e| e.to_string())
        };
        Ok(Self {
            uri: build("uri")?,
            date_time: build("date-time")?,
        })
    }

    /// Whether `text` is in `format`; `scratch` is a string value the text
    /// is copied into (kept per record, so that it is allocated once).
    pub(crate) fn accepts(&self, format: Format, text: &str, scratch: &mut Value) -> bool {
        let validator = match format {
            Format::Uri => &self.uri,
            Format::DateTime => &self.date_time,
        };
        if let Value::String(s) = scratch {
            s.clear();
            s.push_str(text);
        } else {
            *scratch = Value::String(text.to_owned());
        }
        validator.is_valid(scratch)
    }
}

/// `^[A-Za-z0-9][A-Za-z0-9._:-]*$`
fn id(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// `^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`
fn language_tag(bytes: &[u8]) -> bool {
    let mut parts = bytes.split(|&b| b == b'-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.iter().all(u8::is_ascii_alphabetic));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.iter().all(u8::is_ascii_alphanumeric))
}

/// `^[A-Za-z0-9][A-Za-z0-9!#\$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#\$&^_.+-]{0,126}$`
fn media_type(bytes: &[u8]) -> bool {
    let part = |p: &[u8]| {
        (1..=127).contains(&p.len())
            && p[0].is_ascii_alphanumeric()
            && p.iter().all(|&b| {
                b.is_ascii_alphanumeric()
                    || matches!(
                        b,
                        b'!' | b'#' | b'$' | b'&' | b'^' | b'_' | b'.' | b'+' | b'-'
                    )
            })
    };
    let mut parts = bytes.split(|&b| b == b'/');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if part(a) && part(b))
}

/// `^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]`, on a narrower set: the character
/// after `//` must be printable ASCII (what `\s` means beyond ASCII
/// differs between engines; such a host is left to the full path).
fn http_url(bytes: &[u8]) -> bool {
    let Some(rest) = bytes
        .get(..4)
        .filter(|s| s.eq_ignore_ascii_case(b"http"))
        .map(|_| &bytes[4..])
    else {
        return false;
    };
    let rest = match rest.first() {
        Some(b's' | b'S') => &rest[1..],
        _ => rest,
    };
    rest.starts_with(b"://")
        && rest
            .get(3)
            .is_some_and(|&b| b.is_ascii_graphic() && !matches!(b, b'/' | b'?' | b'#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::from_schema(&articlekit_model::schema()).expect("every keyword has a rule")
    }

    fn rule(object: usize, name: &str) -> Rule {
        let i = OBJECTS[object]
            .properties
            .iter()
            .position(|p| p.name == name)
            .expect("a property");
        rules().objects[object][i].clone()
    }

    #[test]
    fn every_keyword_of_the_model_schema_has_a_rule() {
        let rules = rules();
        // The numbers are read from the schema, not written here twice.
        let title = rule(METADATA, "title");
        assert_eq!(title.text.max_chars, Some(300));
        assert_eq!(title.text.patterns, [Pattern::NotBlank]);
        assert_eq!(title.text.forbid, Some(Forbid::AnyControl));
        let bullets = rule(ARTICLE, "bullets");
        assert_eq!((bullets.min_items, bullets.max_items), (1, Some(50)));
        assert!(rule(METADATA, "tags").unique);
        assert_eq!(
            rule(ATTACHMENT, "size_bytes").maximum,
            Some(articlekit_model::MAX_SAFE_INTEGER)
        );
        assert_eq!(
            rule(METADATA, "published_at").text.format,
            Some(Format::DateTime)
        );
        assert_eq!(rules.required[ARTICLE], 0b10111);
    }

    /// Walks the schema the model generates and changes each keyword in
    /// turn (or adds one): every change must either be read into the rules
    /// (they differ) or refused (no rule for it). None may be ignored.
    #[test]
    fn no_keyword_of_the_schema_is_ignored() {
        let schema = articlekit_model::schema();
        let base = Rules::from_schema(&schema).expect("rules");
        let mut places = Vec::new();
        collect_subschemas(&schema, "", &mut places);
        assert!(places.len() > 40, "{}", places.len());
        let mut changed = 0;
        for (pointer, keys) in &places {
            for key in keys {
                let mut altered = schema.clone();
                let Some(node) = altered.pointer_mut(pointer).and_then(Value::as_object_mut) else {
                    continue;
                };
                let old = node.get(key).cloned().unwrap_or(Value::Null);
                // The identity of the schema constrains nothing (the
                // checker compiles it as draft 2020-12 whatever it says).
                let identity = pointer.is_empty() && matches!(key.as_str(), "$schema" | "$id");
                if ANNOTATIONS.contains(&key.as_str()) || identity {
                    continue;
                }
                let new = alter(&old);
                node.insert(key.clone(), new);
                match Rules::from_schema(&altered) {
                    Err(_) => changed += 1,
                    Ok(rules) => {
                        assert_ne!(rules, base, "{pointer}/{key} changed and the rules did not");
                        changed += 1;
                    }
                }
            }
            // A keyword the schema does not use yet is refused, not ignored.
            let mut altered = schema.clone();
            if let Some(node) = altered.pointer_mut(pointer).and_then(Value::as_object_mut) {
                node.insert("maxProperties".into(), 1.into());
                assert!(
                    Rules::from_schema(&altered).is_err(),
                    "{pointer}: maxProperties ignored"
                );
            }
        }
        assert!(changed > 100, "{changed}");
    }

    /// A different value of the same JSON type (or of another type).
    fn alter(value: &Value) -> Value {
        match value {
            Value::Number(n) => (n.as_u64().unwrap_or(0) + 1).into(),
            Value::String(s) => format!("{s}x").into(),
            Value::Bool(b) => (!b).into(),
            Value::Array(a) => {
                let mut a = a.clone();
                a.pop();
                a.into()
            }
            Value::Object(_) => Value::Object(Map::new()),
            Value::Null => 0.into(),
        }
    }

    /// The pointer of every object schema with its keys.
    fn collect_subschemas(value: &Value, pointer: &str, out: &mut Vec<(String, Vec<String>)>) {
        if let Value::Object(map) = value {
            if map.contains_key("type") || map.contains_key("$ref") || map.contains_key("pattern") {
                out.push((pointer.to_owned(), map.keys().cloned().collect()));
            }
            for (k, v) in map {
                if matches!(k.as_str(), "description" | "title") {
                    continue;
                }
                collect_subschemas(
                    v,
                    &format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
    }

    #[test]
    fn a_property_in_one_place_only_is_refused() {
        let mut schema = articlekit_model::schema();
        schema["$defs"]["Author"]["properties"]["email"] = serde_json::json!({"type": "string"});
        assert!(Rules::from_schema(&schema).is_err());
        let mut schema = articlekit_model::schema();
        schema["$defs"]["Author"]["properties"]
            .as_object_mut()
            .expect("properties")
            .remove("url");
        assert!(Rules::from_schema(&schema).is_err());
    }

    #[test]
    fn patterns_match_as_the_schema_writes_them() {
        assert!(id(b"a-1") && id(b"9._:-") && !id(b"") && !id(b"-a") && !id(b"a b"));
        assert!(language_tag(b"vi") && language_tag(b"zh-Hans") && language_tag(b"en-US-x1"));
        assert!(!language_tag(b"v") && !language_tag(b"en-") && !language_tag(b"abcdefghi"));
        assert!(media_type(b"application/pdf") && media_type(b"a/b+c.d"));
        assert!(
            !media_type(b"a") && !media_type(b"a/b/c") && !media_type(b"/b") && !media_type(b"a/-")
        );
        assert!(http_url(b"https://a") && http_url(b"HTTP://x.y/z"));
        assert!(http_url(b"http://[::1]") && http_url(b"http://%41"));
        assert!(!http_url(b"ftp://a") && !http_url(b"https:// a") && !http_url(b"https://"));
        assert!(
            !http_url(b"https:///a") && !http_url(b"https://\xC2\xA0") && !http_url(b"https://\ta")
        );
        let text = TextRule {
            min_chars: 1,
            max_chars: Some(3),
            patterns: vec![Pattern::NotBlank],
            forbid: Some(Forbid::AnyControl),
            format: None,
        };
        let f = |_, _: &str| true;
        assert!(text.accepts("ừừừ", f) && !text.accepts("ừừừừ", f) && !text.accepts("", f));
        assert!(
            !text.accepts(" \u{3000}", f) && !text.accepts("a\tb", f) && text.accepts("a b", f)
        );
        let formats = Formats::new().expect("formats");
        let mut scratch = Value::Null;
        for (format, text, ok) in [
            (Format::Uri, "https://a.b/c?d#e", true),
            (Format::Uri, "https://a b", false),
            (Format::DateTime, "2025-07-20T08:00:00+07:00", true),
            (Format::DateTime, "2025-07-20T08:00:00+0700", false),
        ] {
            assert_eq!(formats.accepts(format, text, &mut scratch), ok, "{text}");
        }
    }
}
