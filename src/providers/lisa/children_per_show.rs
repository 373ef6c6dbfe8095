//! How many stickers, clips and snippets a LiSA show carries, on average, as learnt from the
//! lists this gateway read. LiSA pages these lists by 50 behind an opaque cursor, so the
//! children of a batch of shows that overflow one page cost one more round trip per page, one
//! after the other: with a provider 50 ms away, a second page adds 50 ms to the answer. Knowing
//! the usual count, a reader splits a batch into parts that each likely fit one page and reads
//! them at once: as many calls, one round.
//!
//! Nothing is known at first, and nothing is split: the first reads are as before, and teach
//! the count. A count that grows or shrinks with the data moves the split with it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What one part of a split batch is expected to hold at most: most of a page, leaving room
/// for shows with more children than usual.
const FILL: f64 = 40.0;
/// How much each batch read moves the learnt count (an exponentially weighted mean).
const WEIGHT: f64 = 0.3;

/// The learnt children per show of each kind, shared by every request of a gateway.
#[derive(Default)]
pub(crate) struct ChildrenPerShow {
    pub(crate) stickers: Arc<PerShow>,
    pub(crate) clips: Arc<PerShow>,
    pub(crate) snippets: Arc<PerShow>,
}

/// The learnt count of one kind (an `f64` in its bits; none read yet: zero).
#[derive(Default)]
pub(crate) struct PerShow(AtomicU64);

impl PerShow {
    /// Into how many parts to split a batch of `shows` so that each likely fits one page.
    pub(crate) fn parts(&self, shows: usize) -> usize {
        let expected = self.mean() * shows as f64;
        ((expected / FILL).ceil() as usize).clamp(1, shows.max(1))
    }

    /// Learns from a batch read whole: `children` for `shows` shows.
    pub(crate) fn learn(&self, shows: usize, children: usize) {
        if shows == 0 {
            return;
        }
        let seen = children as f64 / shows as f64;
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                let mean = f64::from_bits(bits);
                let next = if bits == 0 {
                    seen
                } else {
                    mean + WEIGHT * (seen - mean)
                };
                Some(next.to_bits())
            });
    }

    fn mean(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_split_before_anything_is_learnt() {
        assert_eq!(PerShow::default().parts(50), 1);
    }

    #[test]
    fn a_batch_whose_children_would_overflow_a_page_is_split_into_parts_that_fit() {
        let stickers = PerShow::default();
        stickers.learn(50, 60);
        assert_eq!(stickers.parts(50), 2, "60 expected: two parts of about 30");
        assert_eq!(stickers.parts(20), 1, "24 expected: one page");
        stickers.learn(10, 100);
        assert!(stickers.parts(50) > 2, "a denser read raises the count");
        let clips = PerShow::default();
        clips.learn(50, 10);
        assert_eq!(clips.parts(50), 1);
        assert_eq!(clips.parts(0), 1);
    }

    #[test]
    fn the_count_follows_the_data_down_again() {
        let stickers = PerShow::default();
        stickers.learn(50, 150);
        assert!(stickers.parts(50) >= 4);
        for _ in 0..20 {
            stickers.learn(50, 5);
        }
        assert_eq!(stickers.parts(50), 1);
    }
}
