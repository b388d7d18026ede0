//! PostgreSQL's full-text match and `ts_rank`, done in the server for the
//! search index (`board::index`): a query as `websearch_to_tsquery` wrote it
//! is read back here, tested against a vacancy's search document and ranked
//! with the same arithmetic as the database's `tsrank.c` (its floats
//! included), so both give the same results in the same order.
//!
//! Phrases (`<->`, from quoted words or hyphenated ones), prefixes and
//! weight limits are not read: such a search is left to the database.

/// A search's words as a boolean expression; a word is its place in
/// `TextQuery::words`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Word(usize),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

/// A parsed query: its expression (none when every word was a stop word,
/// which matches nothing) and its distinct words in the order `ts_rank`
/// visits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    pub expr: Option<Expr>,
    pub words: Vec<String>,
}

impl TextQuery {
    /// Reads a `tsquery` in PostgreSQL's text form; `None` when it holds
    /// something the index does not do (phrases, prefixes, weights).
    pub fn parse(text: &str) -> Option<Self> {
        let tokens = tokens(text)?;
        if tokens.is_empty() {
            return Some(Self {
                expr: None,
                words: Vec::new(),
            });
        }
        let mut parser = Parser {
            tokens,
            at: 0,
            words: Vec::new(),
        };
        let expr = parser.or()?;
        if parser.at != parser.tokens.len() {
            return None;
        }
        // SortAndUniqItems: byte order, duplicates once.
        let mut words = parser.words.clone();
        words.sort_unstable();
        words.dedup();
        let places: Vec<usize> = parser
            .words
            .iter()
            .map(|w| words.binary_search(w).unwrap_or_default())
            .collect();
        Some(Self {
            expr: Some(expr.renumbered(&places)),
            words,
        })
    }

    /// Whether `ts_rank` ranks this query by word proximity (an AND at the
    /// top) rather than word by word.
    fn ranks_by_proximity(&self) -> bool {
        matches!(self.expr, Some(Expr::And(..)))
    }
}

impl Expr {
    fn renumbered(self, places: &[usize]) -> Self {
        match self {
            Self::Word(i) => Self::Word(places[i]),
            Self::Not(inner) => Self::Not(Box::new(inner.renumbered(places))),
            Self::And(a, b) => Self::And(
                Box::new(a.renumbered(places)),
                Box::new(b.renumbered(places)),
            ),
            Self::Or(a, b) => Self::Or(
                Box::new(a.renumbered(places)),
                Box::new(b.renumbered(places)),
            ),
        }
    }

    /// Whether a document matches, given which of the query's words it
    /// holds.
    pub fn matches(&self, holds: &impl Fn(usize) -> bool) -> bool {
        match self {
            Self::Word(i) => holds(*i),
            Self::Not(inner) => !inner.matches(holds),
            Self::And(a, b) => a.matches(holds) && b.matches(holds),
            Self::Or(a, b) => a.matches(holds) || b.matches(holds),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Not,
    And,
    Or,
    Open,
    Close,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '!' => out.push(Token::Not),
            '&' => out.push(Token::And),
            '|' => out.push(Token::Or),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            '\'' => {
                let word = quoted(&mut chars)?;
                // `:*` (prefix) or `:AB` (weights) after a word.
                if chars.peek() == Some(&':') {
                    return None;
                }
                out.push(Token::Word(word));
            }
            // `<->` and `<N>`: a phrase.
            _ => return None,
        }
    }
    Some(out)
}

/// The rest of a quoted word, its opening quote read: a quote or a
/// backslash in it is written twice (by `tsquery` and `tsvector` output).
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut word = String::new();
    loop {
        match chars.next()? {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                word.push('\'');
            }
            '\'' => return Some(word),
            '\\' => word.push(chars.next()?),
            other => word.push(other),
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// The words as they come; `Expr::Word` numbers them so.
    words: Vec<String>,
}

impl Parser {
    fn eat(&mut self, token: &Token) -> bool {
        let found = self.tokens.get(self.at) == Some(token);
        self.at += usize::from(found);
        found
    }

    fn or(&mut self) -> Option<Expr> {
        let mut left = self.and()?;
        while self.eat(&Token::Or) {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Some(left)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut left = self.unary()?;
        while self.eat(&Token::And) {
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.eat(&Token::Not) {
            return Some(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat(&Token::Open) {
            let inner = self.or()?;
            return self.eat(&Token::Close).then_some(inner);
        }
        match self.tokens.get(self.at)? {
            Token::Word(word) => {
                self.words.push(word.clone());
                self.at += 1;
                Some(Expr::Word(self.words.len() - 1))
            }
            _ => None,
        }
    }
}

/// A position in a search document as PostgreSQL stores it: the weight in
/// the top two bits (A = 3 … D = 0), the place in the other fourteen.
pub type Position = u16;

/// The highest place a word can have (`MAXENTRYPOS - 1`).
const LAST_PLACE: u16 = (1 << 14) - 1;

/// `ts_rank`'s default weights for D, C, B and A.
const WEIGHTS: [f32; 4] = [0.1, 0.2, 0.4, 1.0];

fn weight(position: Position) -> f32 {
    WEIGHTS[usize::from(position >> 14)]
}

fn place(position: Position) -> i32 {
    i32::from(position & LAST_PLACE)
}

/// Reads a position as `tsvector` text writes it: `12`, `3A`, `7C`.
pub fn parse_position(text: &str) -> Option<Position> {
    let (digits, weight) = match text.as_bytes().last()? {
        b'A' => (&text[..text.len() - 1], 3),
        b'B' => (&text[..text.len() - 1], 2),
        b'C' => (&text[..text.len() - 1], 1),
        b'D' => (&text[..text.len() - 1], 0),
        _ => (text, 0),
    };
    let place: u16 = digits.parse().ok()?;
    (place <= LAST_PLACE).then_some((weight << 14) | place)
}

/// Reads a `tsvector` in PostgreSQL's text form into its words, in order,
/// each with its positions (empty when it has none).
pub fn parse_document(text: &str) -> Option<Vec<(String, Vec<Position>)>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => continue,
            '\'' => {}
            _ => return None,
        }
        let word = quoted(&mut chars)?;
        let mut positions = Vec::new();
        if chars.peek() == Some(&':') {
            chars.next();
            let mut list = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                list.push(c);
                chars.next();
            }
            for item in list.split(',') {
                positions.push(parse_position(item)?);
            }
        }
        out.push((word, positions));
    }
    Some(out)
}

/// `ts_rank(document, query)` with the default weights and no
/// normalisation. `positions_of(i)` gives the positions in the document of
/// `query.words[i]`, `None` when the document lacks it (an empty list when
/// the word is there without positions).
pub fn rank<'a>(query: &TextQuery, positions_of: impl Fn(usize) -> Option<&'a [Position]>) -> f32 {
    let rank = if query.ranks_by_proximity() && query.words.len() >= 2 {
        rank_by_proximity(query.words.len(), positions_of)
    } else {
        rank_word_by_word(query.words.len(), positions_of)
    };
    if rank < 0.0 { 1e-20 } else { rank }
}

/// `calc_rank_or`. The casts follow C's: float arithmetic, promoted to
/// double where a double constant appears, stored back as float.
fn rank_word_by_word<'a>(
    words: usize,
    positions_of: impl Fn(usize) -> Option<&'a [Position]>,
) -> f32 {
    // A word without positions counts as one at place 0, weight D.
    const NO_POSITIONS: &[Position] = &[0];
    let mut res: f32 = 0.0;
    for i in 0..words {
        let Some(positions) = positions_of(i) else {
            continue;
        };
        let positions = if positions.is_empty() {
            NO_POSITIONS
        } else {
            positions
        };
        let (mut resj, mut wjm, mut jm): (f32, f32, i32) = (0.0, -1.0, 0);
        for (j, &position) in positions.iter().enumerate() {
            let j = j as i32;
            let w = weight(position);
            resj += w / ((j + 1) * (j + 1)) as f32;
            if w > wjm {
                wjm = w;
                jm = j;
            }
        }
        let term = wjm + resj - wjm / ((jm + 1) * (jm + 1)) as f32;
        res = (f64::from(res) + f64::from(term) / 1.644_934_066_85) as f32;
    }
    if words > 0 {
        res /= words as f32;
    }
    res
}

/// `word_distance`: how much two words this far apart weigh together.
fn word_distance(distance: i32) -> f32 {
    if distance > 100 {
        return 1e-30;
    }
    (1.0 / (1.005 + 0.05 * (f64::from(distance as f32) / 1.5 - 2.0).exp())) as f32
}

/// `calc_rank_and`: every pair of positions of different words counts by
/// their distance.
fn rank_by_proximity<'a>(
    words: usize,
    positions_of: impl Fn(usize) -> Option<&'a [Position]>,
) -> f32 {
    // A word without positions stands at the last place, weight D.
    const NO_POSITIONS: &[Position] = &[LAST_PLACE];
    let mut res: f32 = -1.0;
    let mut seen: Vec<Option<(&[Position], bool)>> = vec![None; words];
    for i in 0..words {
        let Some(positions) = positions_of(i) else {
            continue;
        };
        let unplaced = positions.is_empty();
        let positions = if unplaced { NO_POSITIONS } else { positions };
        seen[i] = Some((positions, unplaced));
        for &(earlier, earlier_unplaced) in seen[..i].iter().flatten() {
            for &l in positions {
                for &p in earlier {
                    let mut distance = (place(l) - place(p)).abs();
                    if distance == 0 && !(unplaced || earlier_unplaced) {
                        continue;
                    }
                    if distance == 0 {
                        distance = i32::from(LAST_PLACE) + 1;
                    }
                    let curw =
                        f64::from(weight(l) * weight(p) * word_distance(distance)).sqrt() as f32;
                    res = if res < 0.0 {
                        curw
                    } else {
                        (1.0 - (1.0 - f64::from(res)) * (1.0 - f64::from(curw))) as f32
                    };
                }
            }
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(i: usize) -> Box<Expr> {
        Box::new(Expr::Word(i))
    }

    #[test]
    fn reads_queries_as_websearch_writes_them() {
        let q = TextQuery::parse("'senior' & 'data' | !'java'").unwrap();
        assert_eq!(
            q.expr,
            Some(Expr::Or(
                Box::new(Expr::And(word(2), word(0))),
                Box::new(Expr::Not(word(1)))
            ))
        );
        assert_eq!(q.words, ["data", "java", "senior"]);
        let q = TextQuery::parse("'a' & ( 'b' | 'c' ) & 'a'").unwrap();
        assert_eq!(q.words, ["a", "b", "c"]);
        assert!(q.ranks_by_proximity());
        assert_eq!(
            TextQuery::parse("'o''neil' & 'c\\\\d'").unwrap().words,
            ["c\\d", "o'neil"]
        );
        // Only stop words: nothing to match.
        assert_eq!(TextQuery::parse("").unwrap().expr, None);
        // Phrases, prefixes and weights are left to the database.
        for text in ["'data' <-> 'analyst'", "'a' <2> 'b'", "'dev':*", "'dev':A"] {
            assert_eq!(TextQuery::parse(text), None, "{text}");
        }
    }

    #[test]
    fn matches_as_a_boolean_expression() {
        let q = TextQuery::parse("'senior' & !'java'").unwrap();
        let expr = q.expr.as_ref().unwrap();
        // words: java, senior
        assert!(expr.matches(&|i| i == 1));
        assert!(!expr.matches(&|_| true));
        assert!(!expr.matches(&|_| false));
    }

    #[test]
    fn reads_documents_as_tsvector_writes_them() {
        let doc = parse_document("'5963':5B 'craft':16C,55C 'it''s':1A 'no-pos'").unwrap();
        assert_eq!(
            doc,
            vec![
                ("5963".to_string(), vec![(2 << 14) | 5]),
                ("craft".to_string(), vec![(1 << 14) | 16, (1 << 14) | 55]),
                ("it's".to_string(), vec![(3 << 14) | 1]),
                ("no-pos".to_string(), vec![]),
            ]
        );
        assert_eq!(parse_position("16383"), Some(LAST_PLACE));
        assert_eq!(parse_position("16384"), None);
    }

    /// Figures from PostgreSQL 15: `select ts_rank(doc, query)`.
    #[test]
    fn ranks_as_the_database_does() {
        let doc =
            parse_document("'analyst':2A,9C 'data':1A,8C,20C 'senior':30C 'lagos':12B").unwrap();
        let ranked = |query: &str| {
            let q = TextQuery::parse(query).unwrap();
            rank(&q, |i| {
                doc.iter()
                    .find(|(w, _)| *w == q.words[i])
                    .map(|(_, p)| p.as_slice())
            })
        };
        assert_eq!(ranked("'data'"), 0.651_832_94);
        assert_eq!(ranked("'senior'"), 0.121_585_42);
        assert_eq!(ranked("'data' & 'analyst'"), 0.997_062_56);
        assert_eq!(ranked("'senior' & 'lagos'"), 0.008_519_018);
        assert_eq!(ranked("'senior' | 'missing'"), 0.060_792_71);
        assert_eq!(ranked("'missing' & 'other'"), 1e-20);
    }
}
