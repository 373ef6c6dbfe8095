//! Where each child in a list of many shows' children belongs. LiSA answers the stickers (or
//! clips, or snippets) of many shows in one list (`media_item_id=a,b,c`), in its own order; each
//! show needs its own run of it. Working that out compares show ids, so the first batch of an
//! answer keeps it (`ScrollOf::show_order`): every request that reads the same cached batches
//! shares it, instead of sorting the same list again.

use std::sync::{Arc, Weak};

use super::model::{Scroll, ScrollOf, ShortClip, Snippet, Sticker};

/// An item that names the show it belongs to.
pub(crate) trait ShowChild: Send + Sync + 'static {
    fn show_id(&self) -> Option<&str>;
}

impl ShowChild for Sticker {
    fn show_id(&self) -> Option<&str> {
        self.media_item_id.as_deref()
    }
}

impl ShowChild for ShortClip {
    fn show_id(&self) -> Option<&str> {
        self.show_id.as_deref()
    }
}

impl ShowChild for Snippet {
    fn show_id(&self) -> Option<&str> {
        self.show_id.as_deref()
    }
}

/// The children of some batches, show by show: where each sits (its batch and its place in
/// it), and where each show's run ends. A child that names no show, or a show not asked for,
/// belongs to none. Each show keeps the order the provider gave.
#[derive(Debug)]
pub(crate) struct ShowOrder {
    placed: Box<[(u32, u32)]>,
    ends: Box<[u32]>,
}

impl ShowOrder {
    /// The order of the children in `batches` among `shows` (sorted by id).
    pub(crate) fn of<T: ShowChild>(shows: &[String], batches: &[&[Arc<T>]]) -> Self {
        let place = |child: &T| {
            let show = child.show_id()?;
            shows.binary_search_by(|id| id.as_str().cmp(show)).ok()
        };
        let mut placed: Vec<(usize, (u32, u32))> = Vec::new();
        for (batch, items) in batches.iter().enumerate() {
            for (at, child) in items.iter().enumerate() {
                if let Some(show) = place(child) {
                    placed.push((show, (batch as u32, at as u32)));
                }
            }
        }
        placed.sort_by_key(|(show, _)| *show);
        let mut ends = vec![0u32; shows.len()];
        for (show, _) in &placed {
            ends[*show] += 1;
        }
        let mut end = 0;
        for count in &mut ends {
            end += *count;
            *count = end;
        }
        Self {
            placed: placed.into_iter().map(|(_, at)| at).collect(),
            ends: ends.into(),
        }
    }

    /// How many shows it orders.
    pub(crate) fn shows(&self) -> usize {
        self.ends.len()
    }

    /// Where the children of the `show`-th show sit: (batch, place in the batch) each.
    pub(crate) fn run(&self, show: usize) -> &[(u32, u32)] {
        let start = match show {
            0 => 0,
            _ => self.ends[show - 1] as usize,
        };
        &self.placed[start..self.ends[show] as usize]
    }
}

/// The show order a first batch keeps, and the later batches it was worked out with. They are
/// held weakly, and an allocation a `Weak` points to is never reused: a batch at the same
/// address is the same batch.
pub(crate) struct KeptOrder<T> {
    later: Vec<Weak<ScrollOf<T>>>,
    order: Arc<ShowOrder>,
}

impl<T> KeptOrder<T> {
    fn fits(&self, shows: &[String], later: &[Arc<ScrollOf<T>>]) -> bool {
        self.order.shows() == shows.len()
            && self.later.len() == later.len()
            && (self.later.iter().zip(later))
                .all(|(kept, batch)| kept.as_ptr() == Arc::as_ptr(batch))
    }
}

impl<T> Clone for KeptOrder<T> {
    fn clone(&self) -> Self {
        Self {
            later: self.later.clone(),
            order: Arc::clone(&self.order),
        }
    }
}

impl<T> std::fmt::Debug for KeptOrder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptOrder").finish_non_exhaustive()
    }
}

impl<T: ShowChild> Scroll<T> {
    /// The order among `shows` (sorted by id: the shows the list was asked for) of this batch's
    /// children followed by `later` batches': worked out by the first caller and kept with this
    /// batch, else (other later batches than the kept order's) worked out afresh.
    pub(crate) fn show_order(&self, shows: &[String], later: &[Arc<Self>]) -> Arc<ShowOrder> {
        let work_out = || {
            let batches: Vec<&[Arc<T>]> = std::iter::once(&self.items[..])
                .chain(later.iter().map(|batch| &batch.items[..]))
                .collect();
            Arc::new(ShowOrder::of(shows, &batches))
        };
        let kept = self.show_order.get_or_init(|| KeptOrder {
            later: later.iter().map(Arc::downgrade).collect(),
            order: work_out(),
        });
        match kept.fits(shows, later) {
            true => Arc::clone(&kept.order),
            false => work_out(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A child: (its name, the show it names).
    struct Child(&'static str, Option<&'static str>);

    impl ShowChild for Child {
        fn show_id(&self) -> Option<&str> {
            self.1
        }
    }

    #[test]
    fn children_go_to_their_show_in_the_providers_order_across_batches() {
        let shows = ["a".to_string(), "b".to_string(), "c".to_string()];
        let first = shared(vec![
            Child("b1", Some("b")),
            Child("a1", Some("a")),
            Child("stray", Some("x")),
            Child("b2", Some("b")),
        ]);
        let second = shared(vec![
            Child("b3", Some("b")),
            Child("none", None),
            Child("c1", Some("c")),
            Child("c2", Some("c")),
            Child("stray again", Some("x")),
        ]);
        let batches = [first.as_slice(), second.as_slice()];
        let order = ShowOrder::of(&shows, &batches);
        let names: Vec<Vec<&str>> = (0..order.shows())
            .map(|show| {
                let run = order.run(show).iter();
                run.map(|&(batch, at)| batches[batch as usize][at as usize].0)
                    .collect()
            })
            .collect();
        assert_eq!(
            names,
            vec![vec!["a1"], vec!["b1", "b2", "b3"], vec!["c1", "c2"]]
        );
    }

    #[test]
    fn a_show_with_no_children_has_an_empty_run() {
        let shows = ["a".to_string(), "b".to_string()];
        let items = [Arc::new(Child("b1", Some("b")))];
        let order = ShowOrder::of(&shows, &[&items[..]]);
        assert!(order.run(0).is_empty());
        assert_eq!(order.run(1), &[(0, 0)]);
    }

    fn shared(children: Vec<Child>) -> Vec<Arc<Child>> {
        children.into_iter().map(Arc::new).collect()
    }

    fn batch(children: Vec<Child>, more: bool) -> Arc<Scroll<Child>> {
        let next = more.then(|| "next".into());
        Arc::new(Scroll::new(shared(children), next, Vec::new()))
    }

    #[test]
    fn a_first_batch_keeps_its_order_while_its_later_batches_are_the_same() {
        let shows = ["a".to_string(), "b".to_string()];
        let first = batch(vec![Child("b1", Some("b"))], true);
        let later = [batch(vec![Child("a1", Some("a"))], false)];
        let order = first.show_order(&shows, &later);
        assert_eq!((order.run(0), order.run(1)), (&[(1, 0)][..], &[(0, 0)][..]));
        assert!(Arc::ptr_eq(&order, &first.show_order(&shows, &later)));

        let replaced = [batch(vec![Child("b2", Some("b"))], false)];
        let afresh = first.show_order(&shows, &replaced);
        assert!(
            !Arc::ptr_eq(&order, &afresh),
            "another later batch is not the kept one"
        );
        assert_eq!(afresh.run(0), &[] as &[(u32, u32)]);
        assert_eq!(afresh.run(1), &[(0, 0), (1, 0)]);
    }
}
