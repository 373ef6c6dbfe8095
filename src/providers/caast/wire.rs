//! Caast's JSON:API envelope as it crosses the wire. Private to the client. Resources are read
//! one by one, tolerantly (see `providers/tolerant.rs`): a missing or mistyped attribute is
//! absent (a real provider omits nulls), a resource without a readable id is left out.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::model::{
    ChatMessage, Content, Displayed, Live, LiveState, PageOf, Product, Seller, Timecode,
    TimecodeItem, Video,
};
use crate::providers::dates::parse_date;
use crate::providers::http::UpstreamHttp;
use crate::providers::tolerant::{Decoded, ListSource, RawItem, read_items};
use crate::providers::{Provider, UpstreamError};

#[cfg(test)]
mod fuzz;

/// One resource, still unread (`One` is read like any item: see `UpstreamHttp::decode_item`).
#[derive(Deserialize)]
pub(crate) struct One {
    pub(crate) data: RawItem,
}

/// A list of resources, still unread.
#[derive(Deserialize)]
pub(crate) struct Many {
    data: Vec<RawItem>,
}

impl Many {
    /// A list page's answer. Caast's reference shows the products list answering `data` as
    /// one resource where every other list has an array: one resource is read as a list of one
    /// (tried only when the answer is not a list, so a list costs nothing more).
    pub(crate) fn decode_list(http: &UpstreamHttp, body: &[u8]) -> Result<Self, UpstreamError> {
        http.decode::<Self>(body)
            .or_else(|not_a_list| match http.decode::<One>(body) {
                Ok(one) if one.data.get() != "null" => Ok(Self {
                    data: vec![one.data],
                }),
                _ => Err(not_a_list),
            })
    }

    /// The resources of `operation`'s answer that can be read, and those that cannot.
    pub(crate) fn read<W: DeserializeOwned>(self, operation: &'static str) -> Decoded<W> {
        let source = ListSource {
            provider: Provider::Caast,
            operation,
            field: "data",
        };
        read_items(source, self.data)
    }

    /// Page `number` of a list, as `operation` answered it, its resources turned into `T`s.
    pub(crate) fn into_page<A: DeserializeOwned + Default, T>(
        self,
        operation: &'static str,
        (number, total): (u32, Option<u64>),
        convert: impl FnMut(Resource<A>) -> T,
    ) -> PageOf<T> {
        let decoded = self.read::<Resource<A>>(operation);
        PageOf {
            items: decoded.items.into_iter().map(convert).collect(),
            page: number,
            total,
            dropped: decoded.dropped,
        }
    }
}

/// What `GET /displayed` answers (`[{"data": [live or video, …]}, …]`): the readable items of
/// every group, in order, and those that cannot be read.
pub(crate) fn read_displayed(groups: Vec<Many>) -> Decoded<Displayed> {
    let mut all = Decoded {
        items: Vec::new(),
        dropped: Vec::new(),
    };
    for group in groups {
        let decoded = group.read::<Resource<ContentAttributes>>("displayed");
        all.items
            .extend(decoded.items.into_iter().map(Resource::into_displayed));
        all.dropped.extend(decoded.dropped);
    }
    all
}

#[derive(Deserialize)]
pub(crate) struct Resource<A> {
    #[serde(deserialize_with = "string_or_number")]
    pub(crate) id: String,
    #[serde(rename = "type", default)]
    pub(crate) kind: Option<String>,
    /// Absent or unreadable: a resource with nothing but its id.
    #[serde(default)]
    pub(crate) attributes: A,
}

/// The attributes of a live or a video (a video has no state and dates, but an upload URL).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ContentAttributes {
    name: Option<String>,
    description: Option<String>,
    display_mode: Option<String>,
    start_at_timecode: Option<String>,
    thumbnail_url: Option<String>,
    portrait_thumbnail_url: Option<String>,
    m3u8_url: Option<String>,
    shared_by_website: Option<String>,
    tags: Option<Vec<String>>,
    seller: Option<Resource<SellerAttributes>>,
    products: Option<Vec<Resource<ProductAttributes>>>,
    start_date: Option<String>,
    state: Option<String>,
    is_finished: Option<bool>,
    rtmp_url: Option<String>,
    stream_key: Option<String>,
    upload_url: Option<String>,
}

#[derive(Deserialize, Default)]
pub(crate) struct SellerAttributes {
    name: Option<String>,
    url: Option<String>,
    external_id: Option<String>,
    moderated: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProductAttributes {
    name: Option<String>,
    description: Option<String>,
    thumbnail_url: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<String>,
    ean: Option<String>,
    price: Option<String>,
    discount_price: Option<String>,
    in_stock: Option<bool>,
    url: Option<String>,
    complementary_informations: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MessageAttributes {
    author: Option<String>,
    message: Option<String>,
    sent_at: Option<String>,
    moderator: Option<bool>,
}

#[derive(Deserialize)]
pub(crate) struct TimecodeWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    start_second: Option<f64>,
    end_second: Option<f64>,
    item: Option<TimecodeItemWire>,
}

#[derive(Deserialize)]
struct TimecodeItemWire {
    uid: Option<String>,
    author: Option<String>,
    message: Option<String>,
}

impl Resource<ContentAttributes> {
    fn content(id: String, a: &mut ContentAttributes) -> Content {
        Content {
            id,
            name: a.name.take().unwrap_or_default(),
            description: a.description.take(),
            display_mode: a.display_mode.take(),
            start_at_timecode: a.start_at_timecode.take(),
            thumbnail_url: a.thumbnail_url.take(),
            portrait_thumbnail_url: a.portrait_thumbnail_url.take(),
            hls_url: a.m3u8_url.take(),
            shared_by_website: a.shared_by_website.take(),
            tags: a.tags.take().unwrap_or_default(),
            seller: a.seller.take().map(|s| Arc::new(s.into_seller())),
            products: a
                .products
                .take()
                .unwrap_or_default()
                .into_iter()
                .map(|p| Arc::new(p.into_product()))
                .collect(),
        }
    }

    pub(crate) fn into_live(mut self) -> Live {
        let a = &mut self.attributes;
        Live {
            state: live_state(a.state.as_deref(), a.is_finished),
            start_date: a.start_date.as_deref().and_then(parse_date),
            rtmp_url: a.rtmp_url.take(),
            stream_key: a.stream_key.take(),
            content: Self::content(self.id, a),
        }
    }

    pub(crate) fn into_video(mut self) -> Video {
        let upload_url = self.attributes.upload_url.take();
        Video {
            content: Self::content(self.id, &mut self.attributes),
            upload_url,
        }
    }

    /// `GET /displayed` mixes lives and videos; the type says which (a state says "live" too).
    pub(crate) fn into_displayed(self) -> Displayed {
        let is_live = match self.kind.as_deref() {
            Some(kind) => kind == "live",
            None => self.attributes.state.is_some(),
        };
        if is_live {
            Displayed::Live(Arc::new(self.into_live()))
        } else {
            Displayed::Video(Arc::new(self.into_video()))
        }
    }
}

impl Resource<SellerAttributes> {
    pub(crate) fn into_seller(self) -> Seller {
        let a = self.attributes;
        Seller {
            id: self.id,
            name: a.name.unwrap_or_default(),
            url: a.url,
            external_id: a.external_id,
            moderated: a.moderated,
        }
    }
}

impl Resource<ProductAttributes> {
    pub(crate) fn into_product(self) -> Product {
        let a = self.attributes;
        Product {
            id: self.id,
            name: a.name.unwrap_or_default(),
            description: a.description,
            thumbnail_url: a.thumbnail_url,
            reference: a.reference,
            ean: a.ean,
            price: a.price,
            discount_price: a.discount_price,
            in_stock: a.in_stock,
            url: a.url,
            extra: a.complementary_informations.filter(|v| !v.is_null()),
        }
    }
}

impl Resource<MessageAttributes> {
    pub(crate) fn into_message(self) -> ChatMessage {
        let a = self.attributes;
        ChatMessage {
            id: self.id,
            author: a.author,
            message: a.message,
            sent_at: a.sent_at.as_deref().and_then(parse_date),
            moderator: a.moderator.unwrap_or(false),
        }
    }
}

impl TimecodeWire {
    pub(crate) fn into_timecode(self) -> Timecode {
        Timecode {
            kind: self.kind,
            start_second: self.start_second,
            end_second: self.end_second,
            item: self.item.map(|i| TimecodeItem {
                uid: i.uid,
                author: i.author,
                message: i.message,
            }),
        }
    }
}

fn live_state(state: Option<&str>, is_finished: Option<bool>) -> LiveState {
    match (state, is_finished) {
        (_, Some(true)) | (Some("finished"), _) => LiveState::Finished,
        (Some("started"), _) => LiveState::Started,
        _ => LiveState::NotStarted,
    }
}

/// Caast documents ids as strings; accept numbers too rather than fail a whole page.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(i64),
    }
    Ok(match Id::deserialize(deserializer)? {
        Id::Text(text) => text,
        Id::Number(number) => number.to_string(),
    })
}

/// The detail of a Caast error body (`{"errors": [{"detail"|"title"}]}`).
pub(crate) fn error_detail(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Errors {
        errors: Vec<ErrorItem>,
    }
    #[derive(Deserialize)]
    struct ErrorItem {
        title: Option<String>,
        detail: Option<String>,
    }
    let errors: Errors = serde_json::from_slice(body).ok()?;
    let first = errors.errors.into_iter().next()?;
    first.detail.or(first.title)
}
