//! Seeded Caast data: sellers, the shop catalogue and the products imported from it,
//! lives in all three states (a few with no seller, a few shared by another app),
//! videos, chat messages and timecodes.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Map, json};

use super::super::ids;
use super::super::model::Store;
use super::super::model::caast::{
    CatalogueItem, ChatMessage, Content, Live, LiveState, Product, Seller, Timecode, Video,
};
use super::words::*;

pub(crate) const LIVES: usize = 45;
pub(crate) const VIDEOS: usize = 30;
pub(crate) const PRODUCTS: usize = 60;
pub(crate) const CATALOGUE: usize = 80;

/// Lives shared with us by another app: read-only (403 on update and finish).
const SHARED_LIVES: [usize; 3] = [7, 23, 36];

pub(crate) fn seed(store: &mut Store, anchor: DateTime<Utc>) {
    store.sellers = (0..SELLERS.len()).map(|i| seller(i, anchor)).collect();
    store.catalogue = (0..CATALOGUE)
        .map(|p| CatalogueItem {
            product: product(p, anchor, &store.sellers),
        })
        .collect();
    store.products = store.catalogue[..PRODUCTS]
        .iter()
        .map(|c| c.product.clone())
        .collect();
    store.lives = (0..LIVES).map(|i| live(i, anchor, store)).collect();
    store.videos = (0..VIDEOS).map(|j| video(j, anchor, store)).collect();
    seed_chat(store, anchor);
}

fn seller(i: usize, anchor: DateTime<Utc>) -> Seller {
    let slug = SELLERS[i].to_lowercase().replace([' ', 'è'], "-");
    Seller {
        id: ids::caast("seller", i as u64),
        name: SELLERS[i].into(),
        url: Some(format!("https://shop.example/sellers/{slug}")),
        external_id: format!("SHOP-{:03}", i + 1),
        moderated: i.is_multiple_of(3),
        created_at: anchor - TimeDelta::days(400 - i as i64),
    }
}

fn product(p: usize, anchor: DateTime<Utc>, sellers: &[Seller]) -> Product {
    let sku = format!("SKU-{:04}", p + 1);
    let name = format!("{} {}", ADJECTIVES[p % 10], NOUNS[(p / 10 + p) % 12]);
    let price = 19.9 + ((p * 7) % 90) as f64;
    let mut extra = Map::new();
    extra.insert("color".into(), json!(COLORS[p % 6]));
    extra.insert("size".into(), json!(SIZES[p % 4]));
    // Products 30 and 31 share a creation date: paging must still be stable.
    let day = if p == 31 { 30 } else { p as i64 };
    Product {
        id: ids::caast("product", p as u64),
        description: Some(format!("{name}, {} — reference {sku}.", COLORS[p % 6])),
        thumbnail_url: Some(format!(
            "https://cdn.sim.caast.tv/products/{}.jpg",
            sku.to_lowercase()
        )),
        ean: Some(format!("400{:010}", 7_000_000 + p * 37)),
        price: Some(format!("{price:.2}")),
        discount_price: p.is_multiple_of(4).then(|| format!("{:.2}", price * 0.8)),
        in_stock: Some(!p.is_multiple_of(9)),
        url: Some(format!(
            "https://shop.example/products/{}",
            sku.to_lowercase()
        )),
        complementary: extra,
        seller_id: Some(sellers[p % sellers.len()].id.clone()),
        created_at: anchor - TimeDelta::days(150) + TimeDelta::days(day),
        name,
        reference: Some(sku),
    }
}

/// The start date of seeded live `i`; LiSA's seed reuses some to create cross-provider ties.
pub(crate) fn live_start(anchor: DateTime<Utc>, i: usize) -> DateTime<Utc> {
    let k = (i / 3) as i64;
    match i % 3 {
        // Two scheduled lives share a start date (k = 4 and 5).
        0 => anchor + TimeDelta::hours(6 + 9 * if k == 5 { 4 } else { k }),
        1 => anchor - TimeDelta::minutes(15 + 4 * k),
        // Two finished lives share a start date (k = 7 and 8).
        _ => anchor - TimeDelta::days(1 + if k == 8 { 7 } else { k }) - TimeDelta::hours(2),
    }
}

fn live_state(i: usize) -> LiveState {
    [
        LiveState::NotStarted,
        LiveState::Started,
        LiveState::Finished,
    ][i % 3]
}

fn live(i: usize, anchor: DateTime<Utc>, store: &Store) -> Live {
    let id = ids::caast("live", i as u64);
    let state = live_state(i);
    let start_date = live_start(anchor, i);
    // Lives 20 and 21 were created at the same instant.
    let created = if i == 21 { 20 } else { i as i64 };
    let mut content = content(
        &id,
        format!("{} #{}", LIVE_THEMES[i % 15], i / 15 + 1),
        i,
        (i % 11 != 5).then_some(i % 8),
        store,
    );
    content.created_at = anchor - TimeDelta::days(60) + TimeDelta::hours(20 * created);
    content.shared_by_website = SHARED_LIVES
        .contains(&i)
        .then(|| "https://partner-boutique.example".into());
    content.m3u8_url = match state {
        LiveState::NotStarted => None,
        LiveState::Started => Some(format!("https://stream.sim.caast.tv/lives/{id}/index.m3u8")),
        LiveState::Finished => Some(format!(
            "https://stream.sim.caast.tv/lives/{id}/replay.m3u8"
        )),
    };
    Live {
        content,
        start_date,
        end_date: (state == LiveState::Finished).then(|| start_date + TimeDelta::hours(1)),
        rtmp_url: "rtmps://live.sim.caast.tv:443/app".into(),
        stream_key: format!("sk_live_{}", ids::token("stream-key", i as u64)),
        state,
    }
}

fn video(j: usize, anchor: DateTime<Utc>, store: &Store) -> Video {
    let id = ids::caast("video", j as u64);
    let seller = (j % 10 != 9).then_some(j % 8);
    let mut content = content(
        &id,
        format!("{} replay {}", LIVE_THEMES[(j * 4) % 15], j + 1),
        j + 100,
        seller,
        store,
    );
    content.created_at = anchor - TimeDelta::days(90) + TimeDelta::days(2 * j as i64);
    content.shared_by_website = (j == 4).then(|| "https://partner-boutique.example".into());
    content.m3u8_url = Some(format!(
        "https://stream.sim.caast.tv/videos/{id}/index.m3u8"
    ));
    Video {
        upload_url: format!("https://upload.sim.caast.tv/videos/{id}?expires=0"),
        content,
    }
}

/// Fields common to lives and videos; `n` varies tags and products.
fn content(id: &str, name: String, n: usize, seller: Option<usize>, store: &Store) -> Content {
    let count = 1 + n % 3;
    let product_ids = (0..count)
        .map(|t| match seller {
            Some(s) => s + 8 * ((n + t * 3) % 7),
            None => (n * 7 + t * 13) % PRODUCTS,
        })
        .map(|p| store.products[p].id.clone())
        .collect();
    let mut tags = vec![CAAST_TAGS[n % 8].to_string()];
    for extra in [
        (n.is_multiple_of(2), (n * 3 + 1) % 8),
        (n.is_multiple_of(5), (n * 5 + 2) % 8),
    ] {
        if extra.0 && !tags.iter().any(|t| t == CAAST_TAGS[extra.1]) {
            tags.push(CAAST_TAGS[extra.1].into());
        }
    }
    Content {
        id: id.into(),
        description: Some(format!("{name}: our picks, live with the team.")),
        display_mode: ["portrait", "landscape"][n % 2].into(),
        start_at_timecode: Some(if n.is_multiple_of(6) { "120" } else { "0" }.into()),
        thumbnail_url: Some(format!("https://cdn.sim.caast.tv/thumbnails/{id}.jpg")),
        portrait_thumbnail_url: Some(format!(
            "https://cdn.sim.caast.tv/thumbnails/{id}-portrait.jpg"
        )),
        seller_id: seller.map(|s| store.sellers[s].id.clone()),
        product_ids,
        tags,
        name,
        ..Content::default()
    }
}

fn seed_chat(store: &mut Store, anchor: DateTime<Utc>) {
    let mut n = 0u64;
    for live in &store.lives {
        let (count, step) = match live.state {
            LiveState::Started => (45, 20),
            LiveState::Finished => (20, 60),
            LiveState::NotStarted => (3, 60),
        };
        let first = match live.state {
            LiveState::NotStarted => anchor - TimeDelta::minutes(10),
            _ => live.start_date,
        };
        let messages = (0..count)
            .map(|m| {
                n += 1;
                chat_message(n, m, first + TimeDelta::seconds(step * m as i64))
            })
            .collect();
        store.messages.insert(live.content.id.clone(), messages);
    }
    let ids: Vec<String> = store
        .lives
        .iter()
        .filter(|l| l.state != LiveState::NotStarted)
        .map(|l| l.content.id.clone())
        .chain(store.videos.iter().map(|v| v.content.id.clone()))
        .collect();
    for (c, id) in ids.into_iter().enumerate() {
        store.timecodes.insert(id, timecodes(c));
    }
}

fn chat_message(n: u64, m: usize, sent_at: DateTime<Utc>) -> ChatMessage {
    let author = CHAT_AUTHORS[(n as usize) % CHAT_AUTHORS.len()];
    ChatMessage {
        uid: ids::caast("message", n),
        author: author.into(),
        message: CHAT_LINES[(m + n as usize) % CHAT_LINES.len()].into(),
        sent_at,
        moderator: author == "host",
    }
}

fn timecodes(c: usize) -> Vec<Timecode> {
    (0..5)
        .map(|t| {
            let n = (c * 5 + t) as u64;
            let author = CHAT_AUTHORS[(c + t) % CHAT_AUTHORS.len()];
            Timecode {
                kind: if t % 2 == 0 {
                    "message"
                } else {
                    "pinned_message"
                }
                .into(),
                start_second: 60 * t as u32 + 15,
                end_second: 60 * t as u32 + 45,
                uid: ids::caast("timecode", n),
                author: author.into(),
                message: CHAT_LINES[(c + 3 * t) % CHAT_LINES.len()].into(),
            }
        })
        .collect()
}
