//! Caast's JSON:API shapes: `{id, type, attributes}`, with the seller and products
//! nested inside a live's or video's attributes exactly as the reference samples show.

use serde_json::{Map, Value, json};

use super::super::model::Store;
use super::super::model::caast::{ChatMessage, Content, Live, Product, Seller, Timecode, Video};
use super::super::time::iso;

pub(crate) fn resource(id: &str, kind: &str, attributes: Value) -> Value {
    json!({"id": id, "type": kind, "attributes": attributes})
}

pub(crate) fn seller(s: &Seller) -> Value {
    resource(
        &s.id,
        "seller",
        json!({"name": s.name, "url": s.url, "external_id": s.external_id, "moderated": s.moderated}),
    )
}

pub(crate) fn product(p: &Product) -> Value {
    resource(
        &p.id,
        "product",
        json!({
            "name": p.name,
            "description": p.description,
            "thumbnailUrl": p.thumbnail_url,
            "ref": p.reference,
            "ean": p.ean,
            "price": p.price,
            "discountPrice": p.discount_price,
            "inStock": p.in_stock,
            "url": p.url,
            "complementaryInformations": p.complementary,
        }),
    )
}

pub(crate) fn live(l: &Live, store: &Store) -> Value {
    let mut attributes = content_attributes(&l.content, store);
    let extra = json!({
        "startDate": iso(l.start_date),
        "rtmpUrl": l.rtmp_url,
        "streamKey": l.stream_key,
        "state": l.state.as_str(),
        "isFinished": l.state == super::super::model::caast::LiveState::Finished,
    });
    if let Value::Object(extra) = extra {
        attributes.extend(extra);
    }
    resource(&l.content.id, "live", Value::Object(attributes))
}

pub(crate) fn video(v: &Video, store: &Store) -> Value {
    let mut attributes = content_attributes(&v.content, store);
    attributes.insert("uploadUrl".into(), json!(v.upload_url));
    resource(&v.content.id, "video", Value::Object(attributes))
}

fn content_attributes(c: &Content, store: &Store) -> Map<String, Value> {
    let seller = c
        .seller_id
        .as_deref()
        .and_then(|id| store.seller(id))
        .map(seller);
    let products: Vec<Value> = c
        .product_ids
        .iter()
        .filter_map(|id| store.product(id))
        .map(product)
        .collect();
    let value = json!({
        "name": c.name,
        "description": c.description,
        "displayMode": c.display_mode,
        "startAtTimecode": c.start_at_timecode,
        "thumbnailUrl": c.thumbnail_url,
        "portraitThumbnailUrl": c.portrait_thumbnail_url,
        "seller": seller,
        "products": products,
        "tags": c.tags,
        "m3u8Url": c.m3u8_url,
        "sharedByWebsite": c.shared_by_website,
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

pub(crate) fn message(m: &ChatMessage) -> Value {
    resource(
        &m.uid,
        "message",
        json!({"author": m.author, "message": m.message, "sentAt": iso(m.sent_at), "moderator": m.moderator}),
    )
}

pub(crate) fn timecode(t: &Timecode) -> Value {
    json!({
        "type": t.kind,
        "start_second": t.start_second,
        "end_second": t.end_second,
        "item": {"uid": t.uid, "author": t.author, "message": t.message},
    })
}
