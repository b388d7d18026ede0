//! Each instance's search index of the open vacancies. Ranking every match
//! of a common word in the database takes tens of milliseconds (it reads
//! and ranks each match's search document), so searches with words are
//! answered here instead: the open vacancies' search documents and the
//! fields the filters read are held in memory, matched and ranked with the
//! database's own rules (`text_match`), and only the page's rows are read
//! from the database.
//!
//! PostgreSQL stays the source of truth. The index loads itself at start
//! and whenever its channel reconnects, and triggers announce each changed
//! vacancy or company on `search_index` at commit (migration 67), which
//! every instance reloads. Until it has loaded, and for searches it does
//! not do (phrases, or nothing matched so typos are tried), the database
//! answers as before.

use super::db::{self, ResultRow, RowSkills, SkillsByVacancy, Window};
use super::query::{COUNT_CAP, SearchFilters, SortOrder};
use super::text_match::{self, Expr, Position, TextQuery};
use crate::matching::{CandidateFacts, VacancyFacts, match_score};
use futures::TryStreamExt;
use sqlx::{PgConnection, PgPool};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use time::OffsetDateTime;
use uuid::Uuid;

/// The channel on which changes to open vacancies are announced.
pub const CHANNEL: &str = "search_index";

/// How many parsed queries an instance keeps.
const PARSED_QUERIES: usize = 4_096;

/// A handle on this instance's index; clones share it.
#[derive(Clone)]
pub struct SearchIndex(Arc<Shared>);

struct Shared {
    /// `None` until loaded, and again whenever the channel is lost.
    index: RwLock<Option<Index>>,
    /// The database's reading of typed words (`websearch_to_tsquery`);
    /// `None` for a query the index does not do.
    parsed: quick_cache::sync::Cache<String, Option<Arc<TextQuery>>>,
    /// Counts the loads and the changes taken in.
    generation: AtomicU64,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self(Arc::new(Shared {
            index: RwLock::new(None),
            parsed: quick_cache::sync::Cache::new(PARSED_QUERIES),
            generation: AtomicU64::new(0),
        }))
    }
}

/// The open vacancies as the filters and the ranking read them.
#[derive(Default)]
struct Index {
    /// Every word of any document, numbered.
    words: HashMap<Box<str>, u32>,
    /// By word: the documents that hold it, with the positions.
    postings: Vec<Postings>,
    /// By slot; a changed vacancy gets a new slot and leaves its old one
    /// empty until the next compaction.
    docs: Vec<Option<Doc>>,
    /// By slot, beside `docs`.
    keys: Vec<Keys>,
    /// By slot, beside `docs`.
    stamps: Vec<Stamp>,
    /// By place (a value's number): the slots of the vacancies there, in
    /// ascending order, so a search in one city walks that city's
    /// vacancies rather than all of a common word's. Emptied slots stay
    /// until the next compaction; `Filter::admits` passes over them.
    place_slots: Vec<Vec<u32>>,
    slot_of: HashMap<Uuid, u32>,
    empty_slots: usize,
    /// By number; `None` once deleted.
    companies: Vec<Option<Company>>,
    company_numbers: HashMap<Uuid, u32>,
    /// Places and kinds, numbered.
    values: Values,
    /// Skills, numbered.
    skills: HashMap<Uuid, u32>,
    /// By skill number: its name, for scoring the fit.
    skill_names: Vec<Box<str>>,
}

/// The documents holding one word, by ascending slot, and the word's
/// positions in each. A document is a few bytes in `entries`: its slot's
/// gap from the one before, then how many of its positions follow in
/// `positions`, each a byte when under `WIDE` (else `WIDE` and the number
/// in four or two bytes). A common word's documents are a few slots
/// apart: two bytes a document where a `u32` slot and a `u16` count took
/// six, 6 MB instead of 18 on the large set (beside 9 MB of positions).
/// Walked in order (`Entries`), so no offsets are kept.
#[derive(Default)]
struct Postings {
    entries: Vec<u8>,
    /// At most 256 a document (PostgreSQL keeps no more of one word); none
    /// for a word without positions.
    positions: Vec<Position>,
    /// How many documents.
    len: u32,
    /// The last document's slot.
    last: u32,
}

/// A byte that says a wider number follows.
const WIDE: u8 = u8::MAX;

impl Postings {
    /// Adds the document at `slot`, after every slot already here.
    fn push(&mut self, slot: u32, positions: &[Position]) {
        debug_assert!(self.len == 0 || slot > self.last);
        let mut entry = [0; 8];
        let mut end = write_number(&mut entry, 0, slot - self.last, 4);
        end = write_number(&mut entry, end, positions.len() as u32, 2);
        append(&mut self.entries, &entry[..end]);
        append(&mut self.positions, positions);
        self.len += 1;
        self.last = slot;
    }

    fn len(&self) -> usize {
        self.len as usize
    }

    fn entries(&self) -> Entries<'_> {
        Entries {
            entries: &self.entries,
            positions: &self.positions,
            slot: 0,
        }
    }

    fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.entries().map(|(slot, _)| slot)
    }

    fn shrink(&mut self) {
        self.entries.shrink_to_fit();
        self.positions.shrink_to_fit();
    }
}

/// Writes `number` at `at`: a byte, or `WIDE` and its first `wide` bytes
/// (little-endian); returns where the next number goes.
fn write_number(to: &mut [u8; 8], at: usize, number: u32, wide: usize) -> usize {
    match u8::try_from(number) {
        Ok(byte) if byte < WIDE => {
            to[at] = byte;
            at + 1
        }
        _ => {
            to[at] = WIDE;
            to[at + 1..at + 1 + wide].copy_from_slice(&number.to_le_bytes()[..wide]);
            at + 1 + wide
        }
    }
}

/// Reads a number `write_number` wrote from the front of `bytes`.
fn read_number(bytes: &mut &[u8], wide: usize) -> Option<u32> {
    let (&first, rest) = bytes.split_first()?;
    if first < WIDE {
        *bytes = rest;
        return Some(first.into());
    }
    let (number, rest) = rest.split_at_checked(wide)?;
    *bytes = rest;
    let mut le = [0; 4];
    le[..wide].copy_from_slice(number);
    Some(u32::from_le_bytes(le))
}

/// A word's documents in ascending slots, with its positions in each.
struct Entries<'a> {
    entries: &'a [u8],
    positions: &'a [Position],
    slot: u32,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (u32, &'a [Position]);

    fn next(&mut self) -> Option<Self::Item> {
        self.slot += read_number(&mut self.entries, 4)?;
        let count = read_number(&mut self.entries, 2)? as usize;
        let (positions, rest) = self.positions.split_at_checked(count)?;
        self.positions = rest;
        Some((self.slot, positions))
    }
}

/// A walk along one word's postings, in ascending slots.
struct Cursor<'a> {
    entries: Option<std::iter::Peekable<Entries<'a>>>,
}

impl<'a> Cursor<'a> {
    fn new(postings: Option<&'a Postings>) -> Self {
        Self {
            entries: postings.map(|postings| postings.entries().peekable()),
        }
    }

    /// The word's positions in the document at `slot`, if it holds the
    /// word; slots must be asked for in ascending order.
    fn seek(&mut self, slot: u32) -> Option<&'a [Position]> {
        let entries = self.entries.as_mut()?;
        while let Some(&(at, positions)) = entries.peek() {
            if at >= slot {
                return (at == slot).then_some(positions);
            }
            entries.next();
        }
        None
    }
}

struct Company {
    name: String,
    slug: String,
    industry: Option<Uuid>,
}

/// What the commonest filters (the way of working, the place) read of a
/// slot's vacancy, kept apart from `Doc` and dense, 16 bytes a slot: a
/// search walks thousands of a word's documents, and reading each one's
/// `Doc` (two cache lines) was two thirds of its time in the index.
#[derive(Clone, Copy)]
struct Keys {
    /// `EMPTY_SLOT` for a slot without a vacancy.
    remote: u32,
    /// City, region and country, lowercased by the database.
    places: [u32; 3],
}

const EMPTY_SLOT: Keys = Keys {
    remote: u32::MAX,
    places: [u32::MAX; 3],
};

/// What every match reads of its vacancy after its `Keys`: whether it is
/// still open, and its place in the orders by relevance and by date. Dense,
/// 32 bytes a slot: a match of a search filtering by no more than the
/// words, the place, the way of working and the date reads no `Doc` (a
/// cache miss in an array four times larger), which was a third of the
/// walk's time.
#[derive(Clone, Copy)]
struct Stamp {
    id: Uuid,
    /// Both in microseconds since 1970 (`micros`), PostgreSQL's precision:
    /// compared for every match, where `OffsetDateTime` would first bring
    /// each side to UTC.
    published_at: i64,
    expires_at: i64,
}

/// What the other filters, the order by pay and the fit read of a vacancy.
struct Doc {
    /// The company's number in `Index::companies`.
    company: u32,
    salary_min_yearly: Option<i64>,
    salary_max_yearly: Option<i64>,
    employment: u32,
    seniority: Option<u32>,
    currency: Option<u32>,
    confidential: bool,
    /// The required first (`required` of them), then the preferred.
    skills: Box<[u32]>,
    required: u8,
    /// What only a job seeker's fit (`matching::match_score`) reads.
    fit: FitFacts,
}

/// What scoring a job seeker's fit reads of a vacancy beyond the filters'
/// fields: strings as values' numbers, as written (not lowercased).
struct FitFacts {
    years: [Option<i32>; 2],
    pay_minor: [Option<i64>; 2],
    period: Option<u32>,
    city: u32,
    country: u32,
}

/// Short strings stored once and numbered.
#[derive(Default)]
struct Values {
    ids: HashMap<Box<str>, u32>,
    all: Vec<Box<str>>,
}

impl Values {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.all.len() as u32;
        self.all.push(value.into());
        self.ids.insert(value.into(), id);
        id
    }

    fn id(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    /// Whether each value contains `part` (`ilike '%part%'`), by id.
    fn containing(&self, part: &str) -> Vec<bool> {
        self.all.iter().map(|value| value.contains(part)).collect()
    }
}

/// A vacancy row as loaded.
struct Loaded {
    id: Uuid,
    company_id: Uuid,
    document: String,
    city: String,
    region: String,
    country: String,
    remote_option: String,
    employment_type: String,
    seniority: Option<String>,
    published_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    is_confidential: bool,
    salary_currency: Option<String>,
    salary_min_yearly: Option<i64>,
    salary_max_yearly: Option<i64>,
    salary_min_minor: Option<i64>,
    salary_max_minor: Option<i64>,
    salary_period: Option<String>,
    years_min: Option<i32>,
    years_max: Option<i32>,
    written_city: String,
    written_country: String,
    /// Parallel: each skill's id, name and whether it is required.
    skills: Vec<Uuid>,
    skill_names: Vec<String>,
    skill_required: Vec<bool>,
}

/// Appends `items`, growing a full vector by an eighth rather than
/// doubling it: a common word's postings run to megabytes, and a changed
/// vacancy adds to the postings of each of its words. Loading copies
/// about eight times what it keeps instead of once, which takes well
/// under a second for the large data set.
fn append<T: Copy>(to: &mut Vec<T>, items: &[T]) {
    if to.capacity() - to.len() < items.len() {
        to.reserve_exact(items.len().max(to.len() / 8));
    }
    to.extend_from_slice(items);
}

impl Index {
    fn insert(&mut self, row: Loaded) {
        self.remove(row.id);
        let Some(document) = text_match::parse_document(&row.document) else {
            tracing::warn!(vacancy = %row.id, "search document not understood; left out of the index");
            return;
        };
        let slot = self.docs.len() as u32;
        for (word, at) in document {
            // Most words are known: look them up before making a key.
            let id = match self.words.get(word.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.insert(word.into(), id);
                    id
                }
            };
            if id as usize == self.postings.len() {
                self.postings.push(Postings::default());
            }
            self.postings[id as usize].push(slot, &at);
        }
        let mut skills: Vec<(bool, u32)> = row
            .skills
            .iter()
            .zip(&row.skill_names)
            .zip(&row.skill_required)
            .map(|((skill, name), &required)| (!required, self.skill_number(*skill, name)))
            .collect();
        // Required first; within each, the names in the database's order,
        // as result rows show them (`skills_of`).
        skills.sort_by_key(|(optional, _)| *optional);
        let required = skills.iter().take_while(|(optional, _)| !optional).count();
        let fit = FitFacts {
            years: [row.years_min, row.years_max],
            pay_minor: [row.salary_min_minor, row.salary_max_minor],
            period: row.salary_period.as_deref().map(|p| self.values.intern(p)),
            city: self.values.intern(&row.written_city),
            country: self.values.intern(&row.written_country),
        };
        let doc = Doc {
            company: self.company_number(row.company_id),
            salary_min_yearly: row.salary_min_yearly,
            salary_max_yearly: row.salary_max_yearly,
            employment: self.values.intern(&row.employment_type),
            seniority: row.seniority.as_deref().map(|s| self.values.intern(s)),
            currency: row
                .salary_currency
                .as_deref()
                .map(|c| self.values.intern(c)),
            confidential: row.is_confidential,
            skills: skills.into_iter().map(|(_, number)| number).collect(),
            required: u8::try_from(required).unwrap_or(u8::MAX),
            fit,
        };
        let keys = Keys {
            remote: self.values.intern(&row.remote_option),
            places: [
                self.values.intern(&row.city),
                self.values.intern(&row.region),
                self.values.intern(&row.country),
            ],
        };
        self.add_places(slot, keys);
        self.keys.push(keys);
        self.stamps.push(Stamp {
            id: row.id,
            published_at: micros(row.published_at),
            expires_at: micros(row.expires_at),
        });
        self.docs.push(Some(doc));
        self.slot_of.insert(row.id, slot);
    }

    /// Lists `slot`, the newest, under each of its places once.
    fn add_places(&mut self, slot: u32, keys: Keys) {
        for place in keys.places {
            let place = place as usize;
            if self.place_slots.len() <= place {
                self.place_slots.resize_with(place + 1, Vec::new);
            }
            let slots = &mut self.place_slots[place];
            if slots.last() != Some(&slot) {
                append(slots, &[slot]);
            }
        }
    }

    fn skill_number(&mut self, id: Uuid, name: &str) -> u32 {
        let next = self.skills.len() as u32;
        let number = *self.skills.entry(id).or_insert(next);
        if number == next {
            self.skill_names.push(name.into());
        }
        number
    }

    /// The skills of vacancy `id` as a result row shows them: (vacancy,
    /// name, required), required first, then by name; `None` for a vacancy
    /// the index does not hold.
    fn skills_of(&self, id: Uuid) -> Option<Vec<(Uuid, String, bool)>> {
        let doc = self
            .slot_of
            .get(&id)
            .and_then(|&slot| self.docs[slot as usize].as_ref())?;
        Some(
            doc.skills
                .iter()
                .enumerate()
                .map(|(at, &n)| {
                    let name = self.skill_names[n as usize].to_string();
                    (id, name, at < usize::from(doc.required))
                })
                .collect(),
        )
    }

    /// What `matching` reads of the vacancy `doc` (with its `keys`), as
    /// the database gives it (`db::vacancy_facts`).
    fn vacancy_facts(&self, doc: &Doc, keys: Keys) -> VacancyFacts {
        let value = |id: u32| self.values.all[id as usize].to_string();
        let names = |numbers: &[u32]| {
            numbers
                .iter()
                .map(|&n| self.skill_names[n as usize].to_string())
                .collect()
        };
        let (required, preferred) = doc.skills.split_at(usize::from(doc.required));
        VacancyFacts {
            required_skills: names(required),
            preferred_skills: names(preferred),
            seniority: doc.seniority.map(value),
            years_min: doc.fit.years[0],
            years_max: doc.fit.years[1],
            salary_min_minor: doc.fit.pay_minor[0],
            salary_max_minor: doc.fit.pay_minor[1],
            salary_currency: doc.currency.map(value),
            salary_period: doc.fit.period.map(value),
            remote_option: value(keys.remote),
            country: value(doc.fit.country),
            city: value(doc.fit.city),
            employment_type: value(doc.employment),
        }
    }

    fn company_number(&mut self, id: Uuid) -> u32 {
        let next = self.companies.len() as u32;
        let number = *self.company_numbers.entry(id).or_insert(next);
        if number == next {
            self.companies.push(None);
        }
        number
    }

    /// Takes in the companies of `ids` as loaded (`rows`): those not among
    /// them are gone.
    fn update_companies(&mut self, ids: &[Uuid], rows: Vec<(Uuid, Company)>) {
        for id in ids {
            let number = self.company_number(*id);
            self.companies[number as usize] = None;
        }
        for (id, company) in rows {
            let number = self.company_number(id);
            self.companies[number as usize] = Some(company);
        }
    }

    fn remove(&mut self, id: Uuid) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.docs[slot as usize] = None;
            self.keys[slot as usize] = EMPTY_SLOT;
            self.empty_slots += 1;
        }
    }

    /// Renumbers the slots once a quarter of them are empty, dropping the
    /// empty ones' postings.
    fn compact_if_sparse(&mut self) {
        if self.empty_slots < 1_000 || self.empty_slots * 4 < self.docs.len() {
            return;
        }
        let mut renumbered = vec![u32::MAX; self.docs.len()];
        let docs = std::mem::take(&mut self.docs);
        let keys = std::mem::take(&mut self.keys);
        let stamps = std::mem::take(&mut self.stamps);
        self.place_slots.iter_mut().for_each(Vec::clear);
        for (slot, ((doc, keys), stamp)) in docs.into_iter().zip(keys).zip(stamps).enumerate() {
            if let Some(doc) = doc {
                renumbered[slot] = self.docs.len() as u32;
                self.slot_of.insert(stamp.id, renumbered[slot]);
                self.add_places(renumbered[slot], keys);
                self.docs.push(Some(doc));
                self.keys.push(keys);
                self.stamps.push(stamp);
            }
        }
        for postings in &mut self.postings {
            let old = std::mem::take(postings);
            for (slot, positions) in old.entries() {
                if renumbered[slot as usize] != u32::MAX {
                    postings.push(renumbered[slot as usize], positions);
                }
            }
        }
        self.empty_slots = 0;
        self.shrink();
    }

    /// Gives back what the postings' growth left unused.
    fn shrink(&mut self) {
        self.postings.iter_mut().for_each(Postings::shrink);
        self.place_slots.iter_mut().for_each(Vec::shrink_to_fit);
        self.docs.shrink_to_fit();
        self.keys.shrink_to_fit();
        self.stamps.shrink_to_fit();
    }

    fn postings_of(&self, word: Option<u32>) -> Option<&Postings> {
        word.map(|w| &self.postings[w as usize])
    }

    /// The words whose documents hold every match of `expr` between them
    /// (`None`: any document may match, as with `!word`); `ids` are the
    /// query's words' numbers here.
    fn drivers(&self, expr: &Expr, ids: &[Option<u32>]) -> Option<Vec<u32>> {
        match expr {
            Expr::Word(i) => Some(ids[*i].into_iter().collect()),
            Expr::Not(_) => None,
            Expr::And(a, b) => match (self.drivers(a, ids), self.drivers(b, ids)) {
                (Some(a), Some(b)) => Some(if self.reach(&a) <= self.reach(&b) {
                    a
                } else {
                    b
                }),
                (a, b) => a.or(b),
            },
            Expr::Or(a, b) => {
                let mut all = self.drivers(a, ids)?;
                all.extend(self.drivers(b, ids)?);
                Some(all)
            }
        }
    }

    fn reach(&self, words: &[u32]) -> usize {
        words.iter().map(|&w| self.postings[w as usize].len()).sum()
    }

    /// The ids of the window of matches in order, and how many match (up to
    /// `COUNT_CAP`).
    fn search(
        &self,
        f: &SearchFilters,
        skills: &[Uuid],
        query: &TextQuery,
        window: Window,
    ) -> (Vec<Uuid>, i64) {
        let wanted = usize::try_from(window.offset + window.limit).unwrap_or(usize::MAX);
        let (hits, total) = self.matches(f, skills, Some(query), wanted);
        let ids = hits
            .into_iter()
            .skip(usize::try_from(window.offset).unwrap_or(usize::MAX))
            .map(|hit| hit.id)
            .collect();
        (ids, total)
    }

    /// How many vacancies pass the filters of `f` (its words aside), up to
    /// `COUNT_CAP`.
    fn count(&self, f: &SearchFilters, skills: &[Uuid]) -> i64 {
        let Some(filter) = Filter::new(self, f, skills) else {
            return 0;
        };
        let slots = self.keys.iter().zip(&self.stamps).zip(&self.docs);
        let passing = slots.filter(|((keys, stamp), doc)| {
            filter.admits(**keys)
                && filter.open(**stamp)
                && doc.as_ref().is_some_and(|doc| filter.passes(doc))
        });
        passing.take(COUNT_CAP as usize).count() as i64
    }

    /// The ids of page `page` of the first `COUNT_CAP` matches ranked by how
    /// well `candidate` fits them, as `api::rank_by_fit` ranks the
    /// database's, and how many match: only the page's rows are then read.
    fn search_by_fit(
        &self,
        f: &SearchFilters,
        skills: &[Uuid],
        query: Option<&TextQuery>,
        candidate: &CandidateFacts,
        page: i64,
    ) -> (Vec<Uuid>, i64) {
        let (hits, total) = self.matches(f, skills, query, COUNT_CAP as usize);
        let scored = hits.into_iter().filter_map(|hit| {
            let doc = self.docs[hit.slot as usize].as_ref()?;
            let facts = self.vacancy_facts(doc, self.keys[hit.slot as usize]);
            Some((
                match_score(candidate, &facts).shown(),
                hit.published_at,
                hit.id,
            ))
        });
        let ids =
            super::api::rank_by_fit(scored.collect(), page, |&(score, at, id)| (score, at, id))
                .into_iter()
                .map(|(_, _, id)| id)
                .collect();
        (ids, total)
    }

    /// The first `wanted` matches in order, and how many match (up to
    /// `COUNT_CAP`).
    fn matches(
        &self,
        f: &SearchFilters,
        skills: &[Uuid],
        query: Option<&TextQuery>,
        wanted: usize,
    ) -> (Vec<Hit>, i64) {
        // Without words every vacancy the filters pass matches.
        let expr = match query.map(|q| q.expr.as_ref()) {
            Some(None) => return (Vec::new(), 0),
            Some(expr) => expr,
            None => None,
        };
        let Some(filter) = Filter::new(self, f, skills) else {
            return (Vec::new(), 0);
        };
        let word_ids: Vec<Option<u32>> = query
            .map_or(&[][..], |q| &q.words)
            .iter()
            .map(|w| self.words.get(w.as_str()).copied())
            .collect();
        // Every match is in one of the lists of the words that drive the
        // query, and in one of the lists of the places searched: walk the
        // shorter.
        let by_words = expr.and_then(|expr| self.drivers(expr, &word_ids));
        let by_place = filter.places.as_ref().map(|places| {
            self.place_slots
                .iter()
                .zip(places)
                .filter(|(_, searched)| **searched)
                .map(|(slots, _)| slots.as_slice())
                .collect::<Vec<_>>()
        });
        let words_reach = by_words.as_deref().map(|words| self.reach(words));
        let place_reach = by_place
            .as_ref()
            .map(|lists| lists.iter().map(|slots| slots.len()).sum::<usize>());
        let walk_words = match (words_reach, place_reach) {
            (Some(words), Some(place)) => words <= place,
            (words, _) => words.is_some(),
        };
        let candidates = match (by_words, by_place) {
            (Some(words), _) if walk_words => ascending(
                words
                    .into_iter()
                    .map(|w| self.postings[w as usize].slots())
                    .collect(),
            ),
            (_, Some(places)) => ascending(
                places
                    .into_iter()
                    .map(|slots| slots.iter().copied())
                    .collect(),
            ),
            _ => Box::new(0..self.docs.len() as u32),
        };
        let order = f.order();
        let by_rank = matches!(order, SortOrder::Relevance | SortOrder::Match);
        let compare = match order {
            SortOrder::Relevance | SortOrder::Match => Hit::by_rank,
            SortOrder::Newest => Hit::by_date,
            SortOrder::Salary => Hit::by_salary,
        };
        // The order by pay reads it in the `Doc`.
        let reads_doc = filter.reads_doc() || order == SortOrder::Salary;
        let mut best = TopK::new(wanted, compare);
        let mut cursors: Vec<Cursor> = word_ids
            .iter()
            .map(|&w| Cursor::new(self.postings_of(w)))
            .collect();
        let mut found: Vec<Option<&[Position]>> = vec![None; word_ids.len()];
        let mut matches = 0_i64;
        for slot in candidates {
            if !filter.admits(self.keys[slot as usize]) {
                continue;
            }
            // The words before the `Doc`: reading a slot's `Doc` is most
            // of the walk's time (a cache miss), so only matches pay it.
            for (cursor, found) in cursors.iter_mut().zip(found.iter_mut()) {
                *found = cursor.seek(slot);
            }
            if expr.is_some_and(|expr| !expr.matches(&|i| found[i].is_some())) {
                continue;
            }
            let stamp = self.stamps[slot as usize];
            if !filter.open(stamp) {
                continue;
            }
            let salary = if reads_doc {
                let Some(doc) = &self.docs[slot as usize] else {
                    continue;
                };
                if !filter.passes(doc) {
                    continue;
                }
                doc.salary_max_yearly
            } else {
                None
            };
            matches += 1;
            best.offer(Hit {
                rank: match query {
                    Some(query) if by_rank => text_match::rank(query, |i| found[i]),
                    _ => 0.0,
                },
                salary,
                published_at: stamp.published_at,
                id: stamp.id,
                slot,
            });
        }
        (best.into_sorted(), matches.min(COUNT_CAP))
    }
}

/// The slots of one list as it is, or of several each once, ascending.
fn ascending<'a, L>(lists: Vec<L>) -> Box<dyn Iterator<Item = u32> + 'a>
where
    L: Iterator<Item = u32> + 'a,
{
    match <[L; 1]>::try_from(lists) {
        Ok([list]) => Box::new(list),
        Err(lists) => {
            let mut slots: Vec<u32> = lists.into_iter().flatten().collect();
            slots.sort_unstable();
            slots.dedup();
            Box::new(slots.into_iter())
        }
    }
}

/// A time as the index keeps it: microseconds since 1970.
fn micros(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

struct Hit {
    rank: f32,
    salary: Option<i64>,
    published_at: i64,
    id: Uuid,
    slot: u32,
}

impl Hit {
    /// `published_at desc, id desc`
    fn by_date(a: &Self, b: &Self) -> Ordering {
        (b.published_at, b.id).cmp(&(a.published_at, a.id))
    }

    /// `rank desc, published_at desc, id desc`
    fn by_rank(a: &Self, b: &Self) -> Ordering {
        b.rank.total_cmp(&a.rank).then_with(|| Self::by_date(a, b))
    }

    /// `salary_max_yearly desc nulls last, published_at desc, id desc`
    fn by_salary(a: &Self, b: &Self) -> Ordering {
        match (a.salary, b.salary) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| Self::by_date(a, b))
    }
}

/// The first `k` hits in an order, kept while the matches stream past: a
/// search reads every match but holds only what its window can show.
struct TopK {
    k: usize,
    compare: fn(&Hit, &Hit) -> Ordering,
    /// Unordered, at most 2k; cut back to the best k when full.
    hits: Vec<Hit>,
}

impl TopK {
    fn new(k: usize, compare: fn(&Hit, &Hit) -> Ordering) -> Self {
        Self {
            k,
            compare,
            hits: Vec::new(),
        }
    }

    fn offer(&mut self, hit: Hit) {
        if self.k == 0 {
            return;
        }
        self.hits.push(hit);
        if self.hits.len() >= 2 * self.k.max(16) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.hits.len() > self.k {
            self.hits.select_nth_unstable_by(self.k - 1, self.compare);
            self.hits.truncate(self.k);
        }
    }

    fn into_sorted(mut self) -> Vec<Hit> {
        if self.k > 0 {
            self.cut();
        }
        self.hits.sort_unstable_by(self.compare);
        self.hits
    }
}

/// The filters of a search, resolved against the index once per search.
struct Filter {
    now: i64,
    /// By value: whether it is a place that contains the one searched.
    places: Option<Vec<bool>>,
    remote: Option<u32>,
    seniority: Option<u32>,
    employment: Option<u32>,
    /// By company number, when the search names an industry or a company.
    companies: Option<Vec<bool>>,
    posted_since: Option<i64>,
    currency: Option<u32>,
    pay_min: Option<i64>,
    pay_max: Option<i64>,
    skills: Vec<u32>,
}

impl Filter {
    /// `None` when no vacancy can pass (a value none has).
    fn new(index: &Index, f: &SearchFilters, skills: &[Uuid]) -> Option<Self> {
        let now = OffsetDateTime::now_utc();
        let value = |v: &Option<String>| match v {
            Some(v) => index.values.id(v).map(Some),
            None => Some(None),
        };
        let companies = (f.industry.is_some() || f.company.is_some()).then(|| {
            let name = f.company.as_ref().map(|c| c.to_lowercase());
            index
                .companies
                .iter()
                .map(|c| {
                    c.as_ref().is_some_and(|c| {
                        f.industry.is_none_or(|i| c.industry == Some(i))
                            && name
                                .as_ref()
                                .is_none_or(|n| c.name.contains(n.as_str()) || c.slug == *n)
                    })
                })
                .collect()
        });
        let (currency, pay_min, pay_max) = match &f.pay {
            Some(pay) => (
                Some(index.values.id(&pay.currency)?),
                pay.min_yearly,
                pay.max_yearly,
            ),
            None => (None, None, None),
        };
        Some(Self {
            now: micros(now),
            places: f
                .location
                .as_ref()
                .map(|p| index.values.containing(&p.to_lowercase())),
            remote: value(&f.remote)?,
            seniority: value(&f.seniority)?,
            employment: value(&f.employment_type)?,
            companies,
            posted_since: f
                .posted_days
                .map(|days| micros(now - time::Duration::days(i64::from(days)))),
            currency,
            pay_min,
            pay_max,
            skills: skills
                .iter()
                .map(|s| index.skills.get(s).copied())
                .collect::<Option<_>>()?,
        })
    }

    /// The database's `push_filters`, on one vacancy.
    /// The cheapest and most selective tests come first.
    /// Whether a slot holds a vacancy its `Keys` let pass: read first.
    fn admits(&self, keys: Keys) -> bool {
        keys.remote != EMPTY_SLOT.remote
            && self.remote.is_none_or(|r| keys.remote == r)
            && self
                .places
                .as_ref()
                .is_none_or(|p| keys.places.iter().any(|&place| p[place as usize]))
    }

    /// Whether a slot's vacancy is open, and new enough.
    fn open(&self, stamp: Stamp) -> bool {
        stamp.expires_at > self.now
            && self
                .posted_since
                .is_none_or(|since| stamp.published_at >= since)
    }

    /// Whether `passes` reads anything: whether a filter beyond those of
    /// `admits` and `open` is set. (A filter left out here would be
    /// ignored: `search_index::the_index_finds_what_the_database_finds`
    /// searches with every filter.)
    fn reads_doc(&self) -> bool {
        self.employment.is_some()
            || self.seniority.is_some()
            || self.companies.is_some()
            || self.currency.is_some()
            || self.pay_min.is_some()
            || self.pay_max.is_some()
            || !self.skills.is_empty()
    }

    /// Whether the vacancy of a slot `admits` and `open` lets through
    /// passes the other filters.
    fn passes(&self, doc: &Doc) -> bool {
        self.employment.is_none_or(|e| doc.employment == e)
            && self.seniority.is_none_or(|s| doc.seniority == Some(s))
            // A confidential vacancy is never found by its company or industry.
            && self
                .companies
                .as_ref()
                .is_none_or(|c| !doc.confidential && c[doc.company as usize])
            && self.currency.is_none_or(|c| doc.currency == Some(c))
            && self
                .pay_min
                .is_none_or(|min| doc.salary_max_yearly.is_some_and(|s| s >= min))
            && self
                .pay_max
                .is_none_or(|max| doc.salary_min_yearly.is_some_and(|s| s <= max))
            && self.skills.iter().all(|s| doc.skills.contains(s))
    }
}

impl SearchIndex {
    /// The `window` of results `f` asks for and how many there are: from
    /// the index when it can answer, else from the database.
    pub async fn search(
        &self,
        conn: &mut PgConnection,
        f: &SearchFilters,
        window: Window,
    ) -> Result<(Vec<ResultRow>, i64), sqlx::Error> {
        let Some(skills) = db::skill_ids(conn, &f.skills).await? else {
            return Ok((Vec::new(), 0));
        };
        let Some(text) = &f.text else {
            // Browsing reads the page from an index of the database in its
            // order; the count comes from here, where the database's count
            // scanned the table from wherever its last scan stopped.
            let counted = {
                let index = self.0.index.read().unwrap_or_else(|e| e.into_inner());
                index.as_ref().map(|index| index.count(f, &skills))
            };
            return match counted {
                Some(total) => {
                    let rows = db::browse(conn, f, &skills, total, window, RowSkills::Left).await?;
                    Ok((self.with_skills(rows), total))
                }
                None => db::search(conn, f, window).await,
            };
        };
        let Some(query) = self.parse(conn, text).await? else {
            return db::search(conn, f, window).await;
        };
        let found = {
            let index = self.0.index.read().unwrap_or_else(|e| e.into_inner());
            index
                .as_ref()
                .map(|index| index.search(f, &skills, &query, window))
        };
        match found {
            Some((ids, total)) if total > 0 => Ok((self.rows(conn, &ids, window).await?, total)),
            // Nothing matched the words: perhaps a typo in a title.
            Some(_) => db::looks_like(conn, f, &skills, window).await,
            None => db::search(conn, f, window).await,
        }
    }

    /// Page `f.page` of the matches ranked by how well `candidate` fits
    /// them, and how many match; `None` when the index cannot answer (as
    /// `search` says), for the caller to rank the database's matches.
    pub async fn search_by_fit(
        &self,
        conn: &mut PgConnection,
        f: &SearchFilters,
        candidate: &CandidateFacts,
    ) -> Result<Option<(Vec<ResultRow>, i64)>, sqlx::Error> {
        let query = match &f.text {
            Some(text) => match self.parse(conn, text).await? {
                Some(query) => Some(query),
                None => return Ok(None),
            },
            None => None,
        };
        let Some(skills) = db::skill_ids(conn, &f.skills).await? else {
            return Ok(Some((Vec::new(), 0)));
        };
        let found = {
            let index = self.0.index.read().unwrap_or_else(|e| e.into_inner());
            index
                .as_ref()
                .map(|index| index.search_by_fit(f, &skills, query.as_deref(), candidate, f.page))
        };
        match found {
            Some((ids, total)) if total > 0 => {
                let rows = self.rows(conn, &ids, Window::page(f.page)).await?;
                Ok(Some((rows, total)))
            }
            // Browsing finds nothing to try typos for.
            Some(_) if query.is_none() => Ok(Some((Vec::new(), 0))),
            _ => Ok(None),
        }
    }

    /// The result rows of `ids` in that order.
    async fn rows(
        &self,
        conn: &mut PgConnection,
        ids: &[Uuid],
        window: Window,
    ) -> Result<Vec<ResultRow>, sqlx::Error> {
        Ok(self.with_skills(db::hits_in_order(conn, ids, window).await?))
    }

    /// `rows` read without their skills, with them from here: joining them
    /// row by row was about half of the database's time for a page.
    fn with_skills(&self, mut rows: Vec<ResultRow>) -> Vec<ResultRow> {
        let index = self.0.index.read().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = index.as_ref() {
            for row in &mut rows {
                row.skills = index.skills_of(row.hit.id).unwrap_or_default();
            }
        }
        rows
    }

    /// The skills of the open vacancies `ids`, grouped as
    /// `db::skills_by_vacancy` groups them: from the index, which holds
    /// every open vacancy's, unless it is not loaded or lacks one of them.
    /// Read from the database, they were a fifth of its time for a deck.
    pub async fn skills_by_vacancy(
        &self,
        conn: &mut PgConnection,
        ids: &[Uuid],
    ) -> Result<SkillsByVacancy, sqlx::Error> {
        match self.held_skills(ids) {
            Some(skills) => Ok(skills),
            None => db::skills_by_vacancy(conn, ids).await,
        }
    }

    fn held_skills(&self, ids: &[Uuid]) -> Option<SkillsByVacancy> {
        let index = self.0.index.read().unwrap_or_else(|e| e.into_inner());
        let index = index.as_ref()?;
        ids.iter()
            .map(|&id| Some((id, index.skills_of(id)?)))
            .collect()
    }

    /// The database's reading of `text`, kept for the next search with it.
    async fn parse(
        &self,
        conn: &mut PgConnection,
        text: &str,
    ) -> Result<Option<Arc<TextQuery>>, sqlx::Error> {
        if let Some(parsed) = self.0.parsed.get(text) {
            return Ok(parsed);
        }
        let written = sqlx::query_scalar!(
            r#"select websearch_to_tsquery('english', $1)::text as "query!""#,
            text
        )
        .fetch_one(conn)
        .await?;
        let parsed = TextQuery::parse(&written).map(Arc::new);
        self.0.parsed.insert(text.to_string(), parsed.clone());
        Ok(parsed)
    }

    /// Whether the index is loaded and following changes.
    pub fn is_ready(&self) -> bool {
        self.0
            .index
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// How many times the index has been loaded or changed.
    pub fn generation(&self) -> u64 {
        self.0.generation.load(AtomicOrdering::Acquire)
    }

    fn replace(&self, index: Option<Index>) {
        *self.0.index.write().unwrap_or_else(|e| e.into_inner()) = index;
        self.0.generation.fetch_add(1, AtomicOrdering::AcqRel);
    }

    /// Keeps the index current for as long as the server runs.
    pub async fn follow(self, pool: PgPool) {
        loop {
            if let Err(error) = self.follow_once(&pool).await {
                tracing::warn!(%error, "search index channel interrupted; loading again shortly");
            }
            // Changes may be missed until listening again: the database
            // answers meanwhile.
            self.replace(None);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn follow_once(&self, pool: &PgPool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.ignore_pool_close_event(true);
        listener.listen(CHANNEL).await?;
        // Listening first: whatever changes during the load is announced.
        let started = std::time::Instant::now();
        let index = load(pool).await?;
        tracing::info!(
            vacancies = index.slot_of.len(),
            words = index.words.len(),
            took_ms = started.elapsed().as_millis() as u64,
            "search index loaded"
        );
        self.replace(Some(index));
        loop {
            let first = listener.recv().await?;
            let mut vacancies = HashSet::new();
            let mut companies = HashSet::new();
            let mut everything = false;
            let mut note = |payload: &str| match payload.split_at_checked(1) {
                Some(("v", id)) => vacancies.extend(id.parse::<Uuid>().ok()),
                Some(("c", id)) => companies.extend(id.parse::<Uuid>().ok()),
                _ => everything = true,
            };
            note(first.payload());
            while let Some(next) = listener.next_buffered() {
                note(next.payload());
            }
            if everything {
                self.replace(Some(load(pool).await?));
                continue;
            }
            let vacancies: Vec<Uuid> = vacancies.into_iter().collect();
            let companies: Vec<Uuid> = companies.into_iter().collect();
            let rows: Vec<Loaded> = open_vacancies(pool, Some(&vacancies)).try_collect().await?;
            let company_rows = load_companies(pool, Some(&companies)).await?;
            if let Some(index) = self
                .0
                .index
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .as_mut()
            {
                for id in &vacancies {
                    index.remove(*id);
                }
                for row in rows {
                    index.insert(row);
                }
                index.update_companies(&companies, company_rows);
                index.compact_if_sparse();
            }
            self.0.generation.fetch_add(1, AtomicOrdering::AcqRel);
        }
    }
}

/// The whole index from the database.
async fn load(pool: &PgPool) -> Result<Index, sqlx::Error> {
    let mut index = Index::default();
    index.update_companies(&[], load_companies(pool, None).await?);
    // Taken in as the rows come: the whole set's text is never held at once.
    let mut rows = open_vacancies(pool, None);
    while let Some(row) = rows.try_next().await? {
        index.insert(row);
    }
    index.shrink();
    Ok(index)
}

/// The open vacancies, all or those of `ids`.
fn open_vacancies<'a>(
    pool: &'a PgPool,
    ids: Option<&'a [Uuid]>,
) -> futures::stream::BoxStream<'a, Result<Loaded, sqlx::Error>> {
    sqlx::query_as!(
        Loaded,
        r#"select v.id, v.company_id, v.search_document::text as "document!",
                  lower(v.city) as "city!", lower(v.region) as "region!",
                  lower(v.country) as "country!", v.remote_option, v.employment_type, v.seniority,
                  v.published_at as "published_at!", v.expires_at as "expires_at!",
                  v.is_confidential, v.salary_currency, v.salary_min_yearly, v.salary_max_yearly,
                  v.salary_min_minor, v.salary_max_minor, v.salary_period, v.years_min, v.years_max,
                  v.city as written_city, v.country as written_country,
                  coalesce(sk.ids, '{}') as "skills!", coalesce(sk.names, '{}') as "skill_names!",
                  coalesce(sk.required, '{}') as "skill_required!"
             from vacancies v
             left join lateral (select array_agg(vs.skill_id order by vs.is_required desc, s.name) as ids,
                                       array_agg(s.name order by vs.is_required desc, s.name) as names,
                                       array_agg(vs.is_required order by vs.is_required desc, s.name)
                                           as required
                                  from vacancy_skills vs join skills s on s.id = vs.skill_id
                                 where vs.vacancy_id = v.id) sk on true
            where v.status = 'active' and v.published_at is not null and v.expires_at is not null
              and ($1::uuid[] is null or v.id = any($1))"#,
        ids
    )
    .fetch(pool)
}

/// The companies, all or those of `ids`: names lowercased for the filter.
async fn load_companies(
    pool: &PgPool,
    ids: Option<&[Uuid]>,
) -> Result<Vec<(Uuid, Company)>, sqlx::Error> {
    Ok(sqlx::query!(
        "select id, lower(name) as name, slug, industry_id from companies
          where $1::uuid[] is null or id = any($1)",
        ids
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| {
        let company = Company {
            name: r.name.unwrap_or_default(),
            slug: r.slug,
            industry: r.industry_id,
        };
        (r.id, company)
    })
    .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u32, document: &str) -> Loaded {
        let now = OffsetDateTime::now_utc();
        Loaded {
            id: Uuid::from_u128(u128::from(n) + 1),
            company_id: Uuid::from_u128(7),
            document: document.to_string(),
            city: "lagos".to_string(),
            region: String::new(),
            country: "nigeria".to_string(),
            remote_option: ["remote", "hybrid"][n as usize % 2].to_string(),
            employment_type: "full_time".to_string(),
            seniority: None,
            published_at: now - time::Duration::minutes(i64::from(n % 50)),
            expires_at: now + time::Duration::days(30),
            is_confidential: false,
            salary_currency: None,
            salary_min_yearly: None,
            salary_max_yearly: None,
            salary_min_minor: None,
            salary_max_minor: None,
            salary_period: None,
            years_min: None,
            years_max: None,
            written_city: "Lagos".to_string(),
            written_country: "Nigeria".to_string(),
            skills: Vec::new(),
            skill_names: Vec::new(),
            skill_required: Vec::new(),
        }
    }

    fn document(n: u32) -> &'static str {
        match n % 3 {
            0 => "'analyst':2A,9C 'data':1A,8C",
            1 => "'data':3C 'engineer':1A",
            _ => "'engineer':1A 'senior':2A",
        }
    }

    fn search(index: &Index, words: &str, remote: Option<&str>) -> (Vec<Uuid>, i64) {
        let f = SearchFilters {
            text: Some(words.to_string()),
            remote: remote.map(str::to_string),
            ..SearchFilters::default()
        };
        let query = TextQuery::parse(words).unwrap();
        index.search(&f, &[], &query, Window::all())
    }

    #[test]
    fn ranks_filters_and_counts_the_matches() {
        let mut index = Index::default();
        for n in 0..30 {
            index.insert(row(n, document(n)));
        }
        let (ids, total) = search(&index, "'data'", None);
        assert_eq!(total, 20);
        // Title matches (weight A) first, each group newest first.
        let first: Vec<u128> = ids.iter().take(3).map(|id| id.as_u128() - 1).collect();
        assert_eq!(first, [0, 3, 6]);
        assert_eq!(search(&index, "'data' & !'analyst'", None).1, 10);
        assert_eq!(search(&index, "'data' | 'senior'", Some("hybrid")).1, 15);
        assert_eq!(search(&index, "'missing'", None), (Vec::new(), 0));
    }

    #[test]
    fn compaction_keeps_every_match_and_its_positions() {
        let mut index = Index::default();
        for n in 0..4_000 {
            index.insert(row(n, document(n)));
        }
        let before = search(&index, "'data' & 'analyst'", None);
        let others = search(&index, "'senior'", Some("remote"));
        // A third changed: each takes a new slot and empties its old one.
        for n in (0..4_000).step_by(3) {
            index.insert(row(n, document(n)));
        }
        index.remove(Uuid::from_u128(3));
        assert_eq!(index.empty_slots, 1_335);
        index.compact_if_sparse();
        assert_eq!((index.empty_slots, index.docs.len()), (0, 3_999));
        assert_eq!(search(&index, "'data' & 'analyst'", None), before);
        let (ids, total) = search(&index, "'senior'", Some("remote"));
        assert_eq!((others.1, total), (667, 666));
        assert!(!ids.contains(&Uuid::from_u128(3)));
    }

    #[test]
    fn a_search_in_a_place_walks_its_vacancies_and_finds_every_match() {
        let cities = ["lagos", "abuja", "accra"];
        let in_city = |n: u32, city: &str| Loaded {
            city: city.to_string(),
            country: if city == "accra" { "ghana" } else { "nigeria" }.to_string(),
            ..row(n, document(n))
        };
        let mut index = Index::default();
        for n in 0..3_000 {
            index.insert(in_city(n, cities[n as usize % 3]));
        }
        // A sixth move from Lagos to Accra: their old slots stay listed
        // under Lagos until compaction.
        for n in (0..3_000).step_by(6) {
            index.insert(in_city(n, "accra"));
        }
        // The ids found (all of them, in order of id) for words in a place.
        let found = |index: &Index, words: Option<&str>, location: &str| {
            let f = SearchFilters {
                text: words.map(str::to_string),
                location: Some(location.to_string()),
                ..SearchFilters::default()
            };
            let query = words.map(|w| TextQuery::parse(w).unwrap());
            let (hits, _) = index.matches(&f, &[], query.as_ref(), 3_000);
            let mut ids: Vec<u32> = hits
                .iter()
                .map(|hit| (hit.id.as_u128() - 1) as u32)
                .collect();
            ids.sort_unstable();
            ids
        };
        let numbers = |holds: fn(u32) -> bool| (0..3_000).filter(|&n| holds(n)).collect::<Vec<_>>();
        for round in ["before compaction", "after"] {
            assert_eq!(
                found(&index, Some("'data'"), "Lagos"),
                numbers(|n| n % 6 == 3),
                "{round}"
            );
            let engineers_in_accra = numbers(|n| n % 3 == 2);
            assert_eq!(
                found(&index, Some("'engineer'"), "accra"),
                engineers_in_accra,
                "{round}"
            );
            assert_eq!(
                found(&index, Some("'engineer'"), "ghana"),
                engineers_in_accra,
                "{round}"
            );
            // "a" is in every place: the word's list is the shorter walk.
            assert_eq!(
                found(&index, Some("'engineer'"), "a").len(),
                2_000,
                "{round}"
            );
            assert_eq!(
                found(&index, None, "LAGOS"),
                numbers(|n| n % 6 == 3),
                "{round}"
            );
            assert!(
                found(&index, Some("'data'"), "nowhere").is_empty(),
                "{round}"
            );
            // Abuja's vacancies changed twice over, enough to compact.
            for n in (1..3_000).step_by(3).chain((1..3_000).step_by(3)) {
                index.insert(in_city(n, "abuja"));
            }
            index.compact_if_sparse();
            assert_eq!(index.empty_slots, 0);
        }
    }

    #[test]
    fn postings_read_back_as_written_with_wide_gaps_and_counts() {
        let many: Vec<Position> = (0..256).collect();
        // Gaps of 254 (a byte) and 255 (wide); 256 positions (wide).
        let written: Vec<(u32, Vec<Position>)> = vec![
            (0, vec![1]),
            (254, vec![]),
            (509, many),
            (100_000, vec![3, 4]),
            (100_001, vec![5]),
        ];
        let mut postings = Postings::default();
        for (slot, positions) in &written {
            postings.push(*slot, positions);
        }
        assert_eq!(postings.len(), 5);
        assert_eq!(postings.entries.len(), 2 + 2 + 8 + 6 + 2);
        let read: Vec<(u32, Vec<Position>)> = postings
            .entries()
            .map(|(slot, positions)| (slot, positions.to_vec()))
            .collect();
        assert_eq!(read, written);
        let mut cursor = Cursor::new(Some(&postings));
        assert_eq!(cursor.seek(254), Some(&[][..]));
        assert_eq!(cursor.seek(300), None);
        assert_eq!(cursor.seek(509).map(<[_]>::len), Some(256));
        assert_eq!(cursor.seek(100_001), Some(&[5][..]));
        assert_eq!(cursor.seek(100_002), None);
    }

    #[test]
    fn full_postings_grow_by_an_eighth() {
        let mut slots: Vec<u32> = Vec::with_capacity(800);
        slots.extend(0..800);
        append(&mut slots, &[800]);
        assert_eq!((slots.len(), slots.capacity()), (801, 900));
        // Small ones take what is appended, however much.
        let mut positions: Vec<u16> = Vec::new();
        append(&mut positions, &[1, 2, 3]);
        assert_eq!(
            (positions.as_slice(), positions.capacity()),
            (&[1, 2, 3][..], 3)
        );
    }
}
