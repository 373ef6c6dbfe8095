//! What the Caast list endpoints can be asked: every documented filter, turned into query pairs.

/// The filters lives and videos share (`GET /lives`, `GET /videos`).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ContentFilter {
    pub(crate) name: Option<String>,
    pub(crate) product_id: Option<String>,
    pub(crate) product_ref: Option<String>,
    pub(crate) seller_id: Option<String>,
    pub(crate) seller_name: Option<String>,
    pub(crate) seller_external_id: Option<String>,
    pub(crate) tags: Vec<String>,
}

/// The sort orders `GET /lives` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LiveOrder {
    StartDateDesc,
    StartDateAsc,
    CreatedAtDesc,
    CreatedAtAsc,
}

impl LiveOrder {
    pub(crate) fn as_query(self) -> &'static str {
        match self {
            Self::StartDateDesc => "start_date:DESC",
            Self::StartDateAsc => "start_date:ASC",
            Self::CreatedAtDesc => "created_at:DESC",
            Self::CreatedAtAsc => "created_at:ASC",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LiveQuery {
    pub(crate) filter: ContentFilter,
    pub(crate) state: Option<super::LiveState>,
    pub(crate) order: LiveOrder,
    /// 1-based.
    pub(crate) page: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VideoQuery {
    pub(crate) filter: ContentFilter,
    pub(crate) page: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SellerQuery {
    pub(crate) name: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) page: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ProductQuery {
    pub(crate) name: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) seller_id: Option<String>,
    pub(crate) page: u32,
}

/// Query pairs, skipping what is unset.
pub(crate) type Pairs = Vec<(&'static str, String)>;

fn push(pairs: &mut Pairs, name: &'static str, value: &Option<String>) {
    if let Some(value) = value {
        pairs.push((name, value.clone()));
    }
}

impl ContentFilter {
    fn pairs(&self, pairs: &mut Pairs) {
        push(pairs, "name", &self.name);
        push(pairs, "product_id", &self.product_id);
        push(pairs, "product_ref", &self.product_ref);
        push(pairs, "seller_id", &self.seller_id);
        push(pairs, "seller_name", &self.seller_name);
        push(pairs, "seller_external_id", &self.seller_external_id);
        pairs.extend(self.tags.iter().map(|tag| ("tags[]", tag.clone())));
    }
}

impl LiveQuery {
    pub(crate) fn pairs(&self) -> Pairs {
        let mut pairs = vec![("order", self.order.as_query().to_string())];
        if let Some(state) = self.state {
            pairs.push(("state", state.as_query().to_string()));
        }
        self.filter.pairs(&mut pairs);
        pairs.push(("page", self.page.to_string()));
        pairs
    }
}

impl VideoQuery {
    pub(crate) fn pairs(&self) -> Pairs {
        let mut pairs = Vec::new();
        self.filter.pairs(&mut pairs);
        pairs.push(("page", self.page.to_string()));
        pairs
    }
}

impl SellerQuery {
    pub(crate) fn pairs(&self) -> Pairs {
        let mut pairs = Vec::new();
        push(&mut pairs, "name", &self.name);
        push(&mut pairs, "external_id", &self.external_id);
        pairs.push(("page", self.page.to_string()));
        pairs
    }
}

impl ProductQuery {
    pub(crate) fn pairs(&self) -> Pairs {
        let mut pairs = Vec::new();
        push(&mut pairs, "name", &self.name);
        push(&mut pairs, "ref", &self.reference);
        push(&mut pairs, "seller_id", &self.seller_id);
        pairs.push(("page", self.page.to_string()));
        pairs
    }
}
