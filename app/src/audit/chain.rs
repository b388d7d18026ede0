//! Checks the audit log's hash chain (sealed by the database, migration
//! 57): each entry's hash is SHA-256 over the hash before it and the
//! entry's content (SQL `audit_entry_content`), so an entry changed,
//! removed or slipped in behind the triggers' back breaks the chain there.
//! The walk starts at the first entry and names the first broken link.

use super::{Break, ChainCheck};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

pub type Hash = [u8; 32];

/// The hash before the first entry.
pub const GENESIS: Hash = [0; 32];

/// How many entries are read at a time.
const BATCH: i64 = 5_000;

/// The hash an entry is sealed with (SQL `audit_entry_hash`).
pub fn entry_hash(prev: &Hash, content: &str) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(prev);
    hasher.update(content.as_bytes());
    hasher.finalize().into()
}

/// One sealed entry as stored.
#[derive(Debug, Clone)]
pub struct Link {
    pub seq: i64,
    pub id: Uuid,
    pub prev_hash: Vec<u8>,
    pub entry_hash: Vec<u8>,
    /// What its hash covers, as the database writes it now.
    pub content: String,
}

/// A walk along the chain from its start, one entry at a time.
#[derive(Debug)]
pub struct Walk {
    last_seq: i64,
    last_hash: Hash,
    /// Recorded daily heads by place, checked as the walk passes them.
    anchors: HashMap<i64, (Date, Vec<u8>)>,
    anchors_passed: i64,
}

impl Walk {
    pub fn new(anchors: impl IntoIterator<Item = (Date, i64, Vec<u8>)>) -> Self {
        Self {
            last_seq: 0,
            last_hash: GENESIS,
            anchors: anchors
                .into_iter()
                .map(|(day, seq, hash)| (seq, (day, hash)))
                .collect(),
            anchors_passed: 0,
        }
    }

    /// Takes the next entry, or says why the chain breaks at it.
    pub fn step(&mut self, link: &Link) -> Result<(), Break> {
        let expected = self.last_seq + 1;
        if link.seq != expected {
            return Err(Break::Missing {
                expected,
                seq: link.seq,
                id: link.id,
            });
        }
        if link.prev_hash != self.last_hash {
            return Err(Break::Relinked {
                seq: link.seq,
                id: link.id,
            });
        }
        let hash = entry_hash(&self.last_hash, &link.content);
        if link.entry_hash != hash {
            return Err(Break::Altered {
                seq: link.seq,
                id: link.id,
            });
        }
        if let Some((day, recorded)) = self.anchors.remove(&link.seq) {
            if *recorded != hash {
                return Err(Break::AnchorLost { day, seq: link.seq });
            }
            self.anchors_passed += 1;
        }
        self.last_seq = link.seq;
        self.last_hash = hash;
        Ok(())
    }

    /// After the last entry: the chain must reach the recorded head, and
    /// every recorded daily head must have been passed.
    pub fn finish(self, head_seq: i64, head_hash: &[u8]) -> ChainCheck {
        let broken = if head_seq != self.last_seq || head_hash != self.last_hash {
            Some(Break::Truncated {
                last: self.last_seq,
                head: head_seq,
            })
        } else {
            self.anchors
                .into_iter()
                .min_by_key(|(seq, _)| *seq)
                .map(|(seq, (day, _))| Break::AnchorLost { day, seq })
        };
        ChainCheck {
            entries: self.last_seq,
            head_hash: hex::encode(self.last_hash),
            anchors: self.anchors_passed,
            broken,
        }
    }

    fn stopped_at(self, broken: Break) -> ChainCheck {
        ChainCheck {
            entries: self.last_seq,
            head_hash: hex::encode(self.last_hash),
            anchors: self.anchors_passed,
            broken: Some(broken),
        }
    }
}

/// Walks the whole chain in one snapshot of the database.
pub async fn verify(conn: &mut PgConnection) -> Result<ChainCheck, sqlx::Error> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let head = sqlx::query!("select seq, hash from audit_chain_head")
        .fetch_one(&mut *tx)
        .await?;
    let anchors = sqlx::query!("select day, seq, hash from audit_chain_anchors")
        .fetch_all(&mut *tx)
        .await?;
    let mut walk = Walk::new(anchors.into_iter().map(|a| (a.day, a.seq, a.hash)));
    if let Some(id) = sqlx::query_scalar!(
        "select id from audit_log where chain_seq is null order by created_at, id limit 1"
    )
    .fetch_optional(&mut *tx)
    .await?
    {
        return Ok(walk.stopped_at(Break::Unsealed { id }));
    }
    let mut after = 0;
    loop {
        let links = sqlx::query_as!(
            Link,
            r#"select chain_seq as "seq!", id, prev_hash as "prev_hash!",
                      entry_hash as "entry_hash!", audit_entry_content(a) as "content!"
                 from audit_log a
                where chain_seq > $1
                order by chain_seq
                limit $2"#,
            after,
            BATCH
        )
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = links.last() else { break };
        after = last.seq;
        for link in &links {
            if let Err(broken) = walk.step(link) {
                return Ok(walk.stopped_at(broken));
            }
        }
    }
    Ok(walk.finish(head.seq, &head.hash))
}

/// Records today's head once (the server's worker calls it hourly; with
/// several instances the first one of the day wins). The head also goes to
/// the server's log, a copy outside the database.
pub async fn record_daily_head(db: &sqlx::PgPool, today: Date) -> Result<bool, sqlx::Error> {
    let recorded = sqlx::query!(
        "insert into audit_chain_anchors (day, seq, hash)
         select $1, seq, hash from audit_chain_head
         on conflict (day) do nothing
         returning seq, hash",
        today
    )
    .fetch_optional(db)
    .await?;
    if let Some(head) = &recorded {
        tracing::info!(day = %today, seq = head.seq, hash = %hex::encode(&head.hash), "audit chain head");
    }
    Ok(recorded.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(contents: &[&str]) -> Vec<Link> {
        let mut prev = GENESIS;
        contents
            .iter()
            .zip(1..)
            .map(|(content, seq)| {
                let hash = entry_hash(&prev, content);
                let link = Link {
                    seq,
                    id: Uuid::from_u128(seq as u128),
                    prev_hash: prev.to_vec(),
                    entry_hash: hash.to_vec(),
                    content: content.to_string(),
                };
                prev = hash;
                link
            })
            .collect()
    }

    fn walk(links: &[Link], anchors: Vec<(Date, i64, Vec<u8>)>) -> ChainCheck {
        let mut walk = Walk::new(anchors);
        for link in links {
            if let Err(broken) = walk.step(link) {
                return walk.stopped_at(broken);
            }
        }
        let (seq, hash) = links
            .last()
            .map_or((0, GENESIS.to_vec()), |l| (l.seq, l.entry_hash.clone()));
        walk.finish(seq, &hash)
    }

    const DAY: Date = time::macros::date!(2026 - 12 - 01);

    #[test]
    fn the_hash_is_sha256_of_the_previous_hash_then_the_content() {
        // The same bytes the database hashes (checked with sha256sum).
        let content = "'1','43866891-caef-4fb6-bbfe-8cd48c8cb786',NULL,'a.one','user',NULL,NULL,NULL,'{}','1796278090918610'";
        assert_eq!(
            hex::encode(entry_hash(&GENESIS, content)),
            "0cc900b1b0b12d71082b7d286436d23308b03bd391247b081af5d9db0fe5b7fa"
        );
    }

    #[test]
    fn an_intact_chain_holds() {
        let links = chain(&["a", "b", "c"]);
        let check = walk(&links, vec![(DAY, 2, links[1].entry_hash.clone())]);
        assert_eq!(check.broken, None);
        assert_eq!(check.entries, 3);
        assert_eq!(check.anchors, 1);
        assert_eq!(check.head_hash, hex::encode(&links[2].entry_hash));
        assert_eq!(walk(&[], vec![]).broken, None);
    }

    #[test]
    fn a_changed_entry_is_named() {
        let mut links = chain(&["a", "b", "c"]);
        links[1].content = "B".into();
        assert_eq!(
            walk(&links, vec![]).broken,
            Some(Break::Altered {
                seq: 2,
                id: Uuid::from_u128(2)
            })
        );
    }

    #[test]
    fn a_changed_entry_with_a_new_hash_breaks_the_next_link() {
        let mut links = chain(&["a", "b", "c"]);
        links[1].content = "B".into();
        links[1].entry_hash =
            entry_hash(&links[0].entry_hash.clone().try_into().unwrap(), "B").to_vec();
        assert_eq!(
            walk(&links, vec![]).broken,
            Some(Break::Relinked {
                seq: 3,
                id: Uuid::from_u128(3)
            })
        );
    }

    #[test]
    fn a_removed_entry_is_named() {
        let mut links = chain(&["a", "b", "c"]);
        links.remove(1);
        assert_eq!(
            walk(&links, vec![]).broken,
            Some(Break::Missing {
                expected: 2,
                seq: 3,
                id: Uuid::from_u128(3)
            })
        );
    }

    #[test]
    fn a_removed_tail_falls_short_of_the_head() {
        let links = chain(&["a", "b", "c"]);
        let mut walk = Walk::new(vec![]);
        for link in &links[..2] {
            walk.step(link).unwrap();
        }
        assert_eq!(
            walk.finish(3, &links[2].entry_hash).broken,
            Some(Break::Truncated { last: 2, head: 3 })
        );
    }

    #[test]
    fn a_rewritten_chain_loses_its_recorded_heads() {
        let original = chain(&["a", "b", "c"]);
        // Rewritten from the second entry on, every hash recomputed.
        let rewritten = chain(&["a", "B", "c"]);
        assert_eq!(
            walk(&rewritten, vec![(DAY, 2, original[1].entry_hash.clone())]).broken,
            Some(Break::AnchorLost { day: DAY, seq: 2 })
        );
        // A recorded head past the end (entries cut and the head reset).
        assert_eq!(
            walk(
                &rewritten[..2],
                vec![(DAY, 3, original[2].entry_hash.clone())]
            )
            .broken,
            Some(Break::AnchorLost { day: DAY, seq: 3 })
        );
    }
}
