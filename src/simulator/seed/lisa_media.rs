//! Seeded LiSA items that hang off shows: stickers, stories, snippets, short clips and
//! RTMP keys.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use super::super::ids;
use super::super::model::Store;
use super::super::model::lisa::{RtmpKey, ShortClip, Show, Snippet, Sticker, Story};
use super::lisa::{ShowKind, meta, show_kind};
use super::words::*;

const STORIES: usize = 24;

pub(crate) fn seed(store: &mut Store, anchor: DateTime<Utc>) {
    let shows = store.shows.clone();
    let mut n = 0;
    for (j, show) in shows.iter().enumerate() {
        // Two thirds of the shows carry stickers; every fourth carries three.
        if j % 3 != 2 {
            for _ in 0..if j % 4 == 0 { 3 } else { 1 } {
                store.stickers.push(sticker(n, show));
                n += 1;
            }
        }
        for k in 0..if show.is_live { 2 } else { 1 } {
            store
                .rtmp_keys
                .push(rtmp_key(store.rtmp_keys.len(), k, show));
        }
    }
    store.snippets = snippets(&shows);
    store.short_clips = short_clips(&shows, anchor);
    store.stories = (0..STORIES).map(|s| story(s, anchor, store)).collect();
}

fn sticker(n: usize, show: &Show) -> Sticker {
    let (sticker_type, behavior) = STICKER_TYPES[n % STICKER_TYPES.len()];
    let published = !n.is_multiple_of(3);
    let reference = show
        .products
        .first()
        .map(|p| p.reference.clone())
        .unwrap_or_default();
    let (target, details) = match sticker_type {
        "voucher" => (
            json!({"type": "none"}),
            json!({"code": format!("LIVE{}", 10 + n % 20), "discount": "10%"}),
        ),
        "product" => (
            json!({"type": "product", "productReference": reference}),
            json!({"productReference": reference}),
        ),
        "link" => (
            json!({"type": "url", "url": format!("https://shop.example/campaigns/{n}")}),
            json!({}),
        ),
        _ => (
            json!({"type": "none"}),
            json!({"question": "Which colour do you prefer?", "options": ["sand", "navy", "coral"]}),
        ),
    };
    let created = show.meta.created_at + TimeDelta::hours(1 + n as i64 % 5);
    Sticker {
        id: ids::uuid("sticker", n as u64),
        name: format!("{} {sticker_type} {}", show.name, n + 1),
        sticker_type: sticker_type.into(),
        action_behavior: behavior.into(),
        action_target: target,
        activation: json!({"type": if n.is_multiple_of(2) { "manual" } else { "timer" }, "delaySeconds": 30, "isTimerEnabled": false, "timerStartedAt": null}),
        expiry: json!({"type": "duration", "durationSeconds": 300}),
        image: format!("https://cdn.sim.hello-lisa.com/stickers/{n}.png"),
        badge_title: texts("Live offer", "Live-Angebot", "Offre live", n),
        badge_subtitle: texts(
            "Only during the show",
            "Nur während der Show",
            "Pendant le show",
            n,
        ),
        card_title: texts(
            &format!("Offer {}", n + 1),
            &format!("Angebot {}", n + 1),
            &format!("Offre {}", n + 1),
            n,
        ),
        card_text: english("Tap to see the details."),
        card_disclaimer: english("While stocks last."),
        media_item_id: show.id,
        is_enabled: n % 7 != 6,
        is_locked: n.is_multiple_of(5),
        is_published: published,
        published_at: published.then_some(created + TimeDelta::minutes(30)),
        details,
        meta: meta(created, created + TimeDelta::minutes(30)),
    }
}

fn rtmp_key(n: usize, k: usize, show: &Show) -> RtmpKey {
    RtmpKey {
        id: ids::uuid("rtmp-key", n as u64),
        show_id: show.id,
        name: if k == 0 {
            "Main camera"
        } else {
            "Backup camera"
        }
        .into(),
        url: "rtmps://ingest.sim.hello-lisa.com:443/live".into(),
        stream_key: format!("lsk_{}", ids::token("lisa-stream-key", n as u64)),
        meta: show.meta,
    }
}

fn snippets(shows: &[Show]) -> Vec<Snippet> {
    let mut out = Vec::new();
    for (j, show) in shows.iter().enumerate() {
        if show_kind(j) != ShowKind::Conducted {
            continue;
        }
        for t in 0..2 + j % 2 {
            let n = out.len();
            let product = show.products[t % show.products.len()].clone();
            let id = ids::uuid("snippet", n as u64);
            let created = show.meta.modified_at + TimeDelta::minutes(10 * t as i64);
            out.push(Snippet {
                id,
                name: format!("{} — {}", show.name, product.reference),
                show_id: show.id,
                product,
                start_second: 120 * t as u32 + 30,
                end_second: 120 * t as u32 + 75,
                video_url: format!("https://cdn.sim.hello-lisa.com/snippets/{id}.mp4"),
                thumbnail: format!("https://cdn.sim.hello-lisa.com/snippets/{id}.jpg"),
                meta: meta(created, created),
            });
        }
    }
    out
}

fn short_clips(shows: &[Show], anchor: DateTime<Utc>) -> Vec<ShortClip> {
    let mut out = Vec::new();
    for (j, show) in shows.iter().enumerate() {
        if !show.is_live && !show.is_conducted {
            continue;
        }
        for t in 0..1 + j % 2 {
            let n = out.len();
            let id = ids::uuid("short-clip", n as u64);
            // Clips of a show still on air were cut minutes ago, never in the future.
            let created = (show.date + TimeDelta::minutes(20 + 5 * t as i64))
                .min(anchor - TimeDelta::minutes(2 - t as i64));
            out.push(ShortClip {
                id,
                name: format!("{} clip {}", show.name, t + 1),
                title: texts(
                    &format!("Highlights: {}", show.name),
                    "Highlights",
                    "Moments forts",
                    n,
                ),
                show_id: show.id,
                orientation: ["portrait", "landscape"][n % 2],
                duration_seconds: 15 + (n as u32 * 7) % 46,
                hls_url: format!("https://cdn.sim.hello-lisa.com/clips/{id}/index.m3u8"),
                mp4_url: format!("https://cdn.sim.hello-lisa.com/clips/{id}.mp4"),
                thumbnail: format!("https://cdn.sim.hello-lisa.com/clips/{id}.jpg"),
                products: show.products.iter().take(2).cloned().collect(),
                meta: meta(created, created),
            });
        }
    }
    out
}

fn story(s: usize, anchor: DateTime<Utc>, store: &Store) -> Story {
    // Stories belong to the published channels only (the last one is a draft).
    let channel = &store.channels[s % 5];
    let created = anchor - TimeDelta::days(50) + TimeDelta::days(s as i64);
    let id = ids::uuid("story", s as u64);
    Story {
        id,
        name: format!("{} story {}", channel.name, s + 1),
        title: texts(
            &format!("Behind the scenes {}", s + 1),
            "Hinter den Kulissen",
            "Dans les coulisses",
            s,
        ),
        channel_id: channel.id,
        creator: CREATORS[s % 7].into(),
        category: CATEGORIES[s % 6].into(),
        show_ids: vec![store.shows[5 + s].id, store.shows[5 + (s + 7) % 30].id],
        thumbnail: format!("https://cdn.sim.hello-lisa.com/stories/{id}.jpg"),
        meta: meta(created, created + TimeDelta::hours(3)),
    }
}
