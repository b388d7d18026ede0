//! Search results' snippets: the passage of a vacancy's description where
//! the searched words are, with each of them marked (`\x01` before, `\x02`
//! after, read by `query::snippet_parts`).
//!
//! This was PostgreSQL's `ts_headline`, which parsed and stemmed each
//! result's description inside the database: about 20 µs a row, half of
//! the database's time for a search (README, Performance). Here a word is
//! marked when it stems, with the stemmer of the database's `english`
//! configuration (Snowball's English), to the stem of a searched word,
//! stop words excepted: the words the search matched, by the same rule.

use rust_stemmers::{Algorithm, Stemmer};

/// PostgreSQL's English stop words (`english.stop`), sorted: a search
/// leaves them out, so they are never marked.
const STOP_WORDS: [&str; 127] = [
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// How many words a passage spans when choosing the one with the most
/// different searched words in it.
const PASSAGE_WORDS: usize = 30;
/// Words shown before the passage's first match, so it does not start
/// bare.
const LEAD_WORDS: usize = 3;
/// A passage whose first match starts this near the description's start
/// is shown from the start.
const FROM_START_CHARS: usize = 100;

/// The stems of the words searched for, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchedWords {
    stems: Vec<String>,
}

impl SearchedWords {
    /// The words of a search as typed (`websearch_to_tsquery`'s syntax):
    /// `or` joins words and is not one, a word after `-` is left out (it is
    /// in no result), quotes only group.
    pub fn new(typed: &str) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut stems = Vec::new();
        for term in typed.split_whitespace() {
            if term.starts_with('-') || term.eq_ignore_ascii_case("or") {
                continue;
            }
            for word in words(term) {
                if let Some(stem) = stem_of(&stemmer, &term[word.0..word.1])
                    && !stems.contains(&stem)
                {
                    stems.push(stem);
                }
            }
        }
        // The marks of a passage are counted in 64 bits.
        stems.truncate(64);
        Self { stems }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// Which searched word `word` is, if any. A stem keeps its word's first
    /// letter, so only words starting like one are stemmed.
    fn find(&self, stemmer: &Stemmer, word: &str) -> Option<usize> {
        let first = word.chars().next()?.to_lowercase().next()?;
        if !self.stems.iter().any(|s| s.starts_with(first)) {
            return None;
        }
        let stem = stem_of(stemmer, word)?;
        self.stems.iter().position(|s| *s == stem)
    }
}

/// The byte ranges of the words of `text`: runs of letters and digits (an
/// apostrophe or a hyphen splits words, as PostgreSQL's parser does).
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The stem of a word, or `None` for a stop word.
fn stem_of(stemmer: &Stemmer, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if STOP_WORDS.binary_search(&lower.as_str()).is_ok() {
        return None;
    }
    Some(stemmer.stem(&lower).into_owned())
}

/// The description from the passage with the most different searched words
/// on (from its start when that passage is near it, else from a few words
/// before it, after "…"), the searched words marked. The caller cuts it to
/// length (`query::excerpt`). Without a searched word in it, the
/// description as it is.
pub fn snippet(description: &str, searched: &SearchedWords) -> String {
    if searched.is_empty() {
        return description.to_string();
    }
    let stemmer = Stemmer::create(Algorithm::English);
    let spans: Vec<(usize, usize)> = words(description).collect();
    let found: Vec<Option<usize>> = spans
        .iter()
        .map(|&(start, end)| searched.find(&stemmer, &description[start..end]))
        .collect();
    let best = (0..spans.len())
        .filter(|&i| found[i].is_some())
        .map(|i| {
            let seen = found[i..(i + PASSAGE_WORDS).min(spans.len())]
                .iter()
                .flatten()
                .fold(0u64, |seen, &w| seen | 1 << w);
            (seen.count_ones(), std::cmp::Reverse(i))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    let Some(best) = best else {
        return description.to_string();
    };
    let near_start = description[..spans[best].0].chars().count() <= FROM_START_CHARS;
    let from = if near_start {
        0
    } else {
        spans[best.saturating_sub(LEAD_WORDS)].0
    };
    let mut out = String::with_capacity(description.len() - from + 16);
    if from > 0 {
        out.push('…');
    }
    let mut copied = from;
    for (&(start, end), found) in spans.iter().zip(&found) {
        if start < from || found.is_none() {
            continue;
        }
        out.push_str(&description[copied..start]);
        out.push('\u{1}');
        out.push_str(&description[start..end]);
        out.push('\u{2}');
        copied = end;
    }
    out.push_str(&description[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(description: &str, typed: &str) -> String {
        snippet(description, &SearchedWords::new(typed))
            .replace('\u{1}', "[")
            .replace('\u{2}', "]")
    }

    #[test]
    fn stop_words_are_sorted_for_the_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_are_marked_by_their_stem() {
        assert_eq!(
            marked("Engineers engineer; engineering teams.", "engineering"),
            "[Engineers] [engineer]; [engineering] teams."
        );
        assert_eq!(
            marked("We analyse data for analysts.", "Analysts DATA"),
            "We analyse [data] for [analysts]."
        );
    }

    #[test]
    fn stop_words_left_out_and_or_are_not_marked() {
        let typed = "the design or product -remote \"data team\"";
        assert_eq!(
            marked("The remote design team ships product data.", typed),
            "The remote [design] [team] ships [product] [data]."
        );
        assert!(SearchedWords::new("the or of -kafka").is_empty());
    }

    #[test]
    fn apostrophes_and_hyphens_split_words() {
        assert_eq!(
            marked("The company's full-time role.", "company time"),
            "The [company]'s full-[time] role."
        );
    }

    #[test]
    fn a_description_without_the_words_is_kept_whole() {
        let text = "Build pipelines with the data team.";
        assert_eq!(marked(text, "kafka"), text);
        assert_eq!(marked(text, "the"), text);
    }

    #[test]
    fn a_far_passage_is_shown_from_a_few_words_before_it() {
        let filler = "lorem ipsum dolor sit amet ".repeat(10);
        let text = format!("{filler}we need a kafka expert today.");
        assert_eq!(marked(&text, "kafka"), "…we need a [kafka] expert today.");
        // Near the start, the description is shown from its start.
        let text = "Our platform team needs a kafka expert.";
        assert_eq!(
            marked(text, "kafka"),
            "Our platform team needs a [kafka] expert."
        );
    }

    #[test]
    fn the_passage_with_most_different_words_wins() {
        let filler = "lorem ipsum dolor sit amet ".repeat(10);
        let text =
            format!("Data first. {filler}{filler}then more words of the data analyst role here.");
        let shown = marked(&text, "data analyst");
        assert!(
            shown.starts_with("…words of the [data] [analyst] role"),
            "{shown}"
        );
        // Every match after the start is marked, the first one included.
        assert_eq!(shown.matches('[').count(), 2);
    }

    #[test]
    fn other_scripts_and_numbers_are_words() {
        assert_eq!(
            marked("Équipe données: 5 ans, café.", "équipe cafe 5"),
            "[Équipe] données: [5] ans, café."
        );
    }
}
