//! Word and phrase pools the text is built from: real Vietnamese and English
//! news phrasing about AI, not lorem ipsum, so exporters, escapers and
//! validators meet the characters and lengths real batches have.

pub mod en;
pub mod sites;
pub mod vi;

#[cfg(test)]
mod tests {
    use super::{en, sites, vi};

    fn all_text() -> Vec<&'static str> {
        let mut all: Vec<&'static str> = Vec::new();
        for pool in [
            vi::SUBJECTS,
            vi::VERBS,
            vi::OBJECTS,
            vi::COMPLEMENTS,
            vi::OPENERS,
            vi::CONSEQUENCES,
            vi::TAGS,
            vi::AUTHORS,
            en::SUBJECTS,
            en::VERBS,
            en::OBJECTS,
            en::COMPLEMENTS,
            en::OPENERS,
            en::CLAUSES,
            en::QUOTES,
            en::DEK_OPENERS,
            en::AUTHORS,
        ] {
            all.extend_from_slice(pool);
        }
        all.extend(en::PEOPLE.iter().flat_map(|(a, b)| [*a, *b]));
        all
    }

    #[test]
    fn pools_hold_only_precomposed_printable_text() {
        // Combining marks would make "characters" differ between NFC and NFD
        // readers and break length limits in the differential test.
        for text in all_text() {
            assert!(!text.trim().is_empty());
            for c in text.chars() {
                assert!(!c.is_control(), "{text:?}");
                assert!(
                    !('\u{300}'..='\u{36f}').contains(&c),
                    "combining mark in {text:?}"
                );
            }
        }
    }

    #[test]
    fn tags_are_unique_in_the_pool() {
        let mut tags = vi::TAGS.to_vec();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), vi::TAGS.len());
    }

    #[test]
    fn every_site_template_has_one_number_slot() {
        for site in sites::SITES {
            assert_eq!(site.template.matches("{n}").count(), 1, "{}", site.host);
            assert!(
                site.template
                    .starts_with(&format!("https://{}/", site.host))
            );
        }
    }
}
