//! What the LiSA list and count endpoints can be asked, turned into query pairs.

use super::model::ShowQuery;

/// Query pairs, skipping what is unset.
pub type Pairs = Vec<(&'static str, String)>;

impl ShowQuery {
    /// The filters (shared by `GET /shows` and `GET /shows/count`).
    pub fn filter_pairs(&self) -> Pairs {
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
            if !values.is_empty() {
                pairs.push((name, values.join(",")));
            }
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
    pub fn list_pairs(&self, max_limit: u32) -> Pairs {
        let mut pairs = self.filter_pairs();
        pairs.push(("limit", self.limit.clamp(1, max_limit).to_string()));
        pairs.extend(self.sort.clone().map(|sort| ("sort", sort)));
        pairs.extend(self.cursor.clone().map(|cursor| ("cursor", cursor)));
        pairs
    }
}

/// Paging for lists other than shows (at most 50 a batch).
pub fn scroll_pairs(cursor: Option<&str>, limit: u32) -> Pairs {
    let mut pairs = vec![("limit", limit.clamp(1, 50).to_string())];
    pairs.extend(cursor.map(|c| ("cursor", c.to_string())));
    pairs
}
