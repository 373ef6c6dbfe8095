//! What the LiSA list and count endpoints can be asked, turned into query pairs.

use super::model::ShowQuery;

/// Query pairs, skipping what is unset.
pub(crate) type Pairs = Vec<(&'static str, String)>;

impl ShowQuery {
    /// The filters (shared by `GET /shows` and `GET /shows/count`).
    pub(crate) fn filter_pairs(&self) -> Pairs {
        let mut pairs = Pairs::new();
        let flags = [("live", self.live), ("conducted", self.conducted)];
        pairs.extend(
            flags
                .into_iter()
                .filter_map(|(name, value)| Some((name, value?.to_string()))),
        );
        pairs.extend(self.channel.clone().map(|slug| ("channel", slug)));
        for (name, values) in [
            ("creator", &self.creators),
            ("category", &self.categories),
            ("tag", &self.tags),
            ("status", &self.statuses),
        ] {
            pairs.extend(joined(name, values));
        }
        if self.date_from.is_some() || self.date_to.is_some() {
            let (from, to) = (
                self.date_from.clone().unwrap_or_default(),
                self.date_to.clone().unwrap_or_default(),
            );
            pairs.push(("date", format!("{from},{to}")));
        }
        pairs.extend(
            self.modified_since
                .clone()
                .map(|since| ("modified_since", since)),
        );
        pairs
    }

    /// The filters, the order and the batch to read.
    pub(crate) fn list_pairs(&self, max_limit: u32) -> Pairs {
        let mut pairs = self.filter_pairs();
        pairs.push(("limit", self.limit.clamp(1, max_limit).to_string()));
        pairs.extend(self.sort.clone().map(|sort| ("sort", sort)));
        pairs.extend(self.cursor.clone().map(|cursor| ("cursor", cursor)));
        pairs
    }
}

/// Paging for lists other than shows (at most 50 a batch).
pub(crate) fn scroll_pairs(cursor: Option<&str>, limit: u32) -> Pairs {
    let mut pairs = vec![("limit", limit.clamp(1, 50).to_string())];
    pairs.extend(cursor.map(|c| ("cursor", c.to_string())));
    pairs
}

/// What a list of stickers, short clips or snippets is asked for, besides its paging. Each
/// endpoint sends only the filters the reference documents for it: `orientation` and `sort` go
/// to short clips, `references` and `sort` to snippets; stickers take neither.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ChildQuery<'a> {
    /// Of any of these shows (all when empty): `show_id`, or `media_item_id` for stickers.
    pub(crate) shows: &'a [String],
    /// `modified_since`: modified after this instant (ISO 8601).
    pub(crate) modified_since: Option<&'a str>,
    /// `orientation` (short clips): `landscape` or `portrait`.
    pub(crate) orientation: Option<&'a str>,
    /// `product_reference` (snippets): of any of these shop references.
    pub(crate) references: &'a [String],
    /// `sort` (short clips, snippets): `field:asc|desc` pairs, comma-separated.
    pub(crate) sort: Option<&'a str>,
}

/// A [`ChildQuery`]'s values, owned: what a list's page readers keep from batch to batch.
#[derive(Debug, Default)]
pub(crate) struct OwnedChildQuery {
    pub(crate) shows: Vec<String>,
    pub(crate) modified_since: Option<String>,
    pub(crate) orientation: Option<&'static str>,
    pub(crate) references: Vec<String>,
    pub(crate) sort: Option<String>,
}

impl OwnedChildQuery {
    pub(crate) fn query(&self) -> ChildQuery<'_> {
        ChildQuery {
            shows: &self.shows,
            modified_since: self.modified_since.as_deref(),
            orientation: self.orientation,
            references: &self.references,
            sort: self.sort.as_deref(),
        }
    }
}

impl<'a> ChildQuery<'a> {
    /// The children of these shows, unfiltered otherwise.
    pub(crate) fn of_shows(shows: &'a [String]) -> Self {
        Self {
            shows,
            ..Self::default()
        }
    }

    /// The filters of `GET /stickers` and `GET /stickers/count`.
    pub(crate) fn sticker_filters(&self) -> Pairs {
        let mut pairs = joined("media_item_id", self.shows);
        pairs.extend(self.since());
        pairs
    }

    /// The filters of `GET /short-clips` and `GET /short-clips/count`.
    pub(crate) fn clip_filters(&self) -> Pairs {
        let mut pairs = joined("show_id", self.shows);
        pairs.extend(self.since());
        let orientation = self.orientation.map(|o| ("orientation", o.to_string()));
        pairs.extend(orientation);
        pairs
    }

    /// The filters of `GET /snippets` and `GET /snippets/count`.
    pub(crate) fn snippet_filters(&self) -> Pairs {
        let mut pairs = joined("show_id", self.shows);
        pairs.extend(joined("product_reference", self.references));
        pairs.extend(self.since());
        pairs
    }

    fn since(&self) -> Option<(&'static str, String)> {
        self.modified_since
            .map(|since| ("modified_since", since.to_string()))
    }
}

/// A child list's batch to read (`cursor`, `limit`), its `filters` and its order, when asked.
pub(crate) fn child_list_pairs(
    filters: Pairs,
    sort: Option<&str>,
    cursor: Option<&str>,
    limit: u32,
) -> Pairs {
    let mut pairs = scroll_pairs(cursor, limit);
    pairs.extend(filters);
    pairs.extend(sort.map(|sort| ("sort", sort.to_string())));
    pairs
}

/// `name=a,b,c` when there are values; nothing otherwise.
fn joined(name: &'static str, values: &[String]) -> Pairs {
    match values.is_empty() {
        true => Pairs::new(),
        false => vec![(name, values.join(","))],
    }
}
