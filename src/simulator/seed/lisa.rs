//! Seeded LiSA channels, product references, shows and a webhook subscription.
//!
//! Shows by index: 0–4 live now, 5–34 conducted (ended, with replays), 35–36 archived,
//! 37–61 scheduled and published, 62–69 drafts. Shows 10/11 and 40/41 share a date;
//! show 20 shares its date with finished Caast live 11, show 45 with scheduled live 6.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use super::super::ids;
use super::super::model::Store;
use super::super::model::lisa::{
    Channel, ChannelStatus, Meta, ProductRef, Show, ShowStatus, Subscription,
};
use super::caast::{PRODUCTS, live_start};
use super::words::*;

pub(crate) const SHOWS: usize = 70;
/// References LiSA has synchronised that Caast does not list (in Caast's catalogue only), so a
/// product known to LiSA alone exists.
pub(crate) const LISA_ONLY_PRODUCTS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShowKind {
    Live,
    Conducted,
    Archived,
    Scheduled,
    Draft,
}

pub(crate) fn show_kind(j: usize) -> ShowKind {
    match j {
        0..5 => ShowKind::Live,
        5..35 => ShowKind::Conducted,
        35..37 => ShowKind::Archived,
        37..62 => ShowKind::Scheduled,
        _ => ShowKind::Draft,
    }
}

pub(crate) fn seed(store: &mut Store, anchor: DateTime<Utc>) {
    store.product_refs = (0..PRODUCTS + LISA_ONLY_PRODUCTS)
        .map(|p| ProductRef {
            id: ids::uuid("lisa-product", p as u64),
            reference: format!("SKU-{:04}", p + 1),
        })
        .collect();
    store.channels = (0..CHANNELS.len()).map(|c| channel(c, anchor)).collect();
    store.shows = (0..SHOWS).map(|j| show(j, anchor, store)).collect();
    for c in 0..store.channels.len() {
        let channel_id = store.channels[c].id;
        store.channels[c].highlighted_shows = store
            .shows
            .iter()
            .filter(|s| s.channel_id == channel_id && s.status == ShowStatus::Ready)
            .take(2)
            .map(|s| s.id)
            .collect();
    }
    store.subscriptions = vec![Subscription {
        id: ids::uuid("subscription", 0),
        event_types: vec!["Show:*".into()],
        webhook_url: "https://gateway.example/internal/webhooks/lisa".into(),
        credentials: json!({"type": "bearer"}),
        status: "active".into(),
        meta: meta(anchor - TimeDelta::days(30), anchor - TimeDelta::days(30)),
    }];
}

pub(crate) fn meta(created_at: DateTime<Utc>, modified_at: DateTime<Utc>) -> Meta {
    Meta {
        created_at,
        modified_at,
    }
}

fn channel(c: usize, anchor: DateTime<Utc>) -> Channel {
    let (name, slug) = CHANNELS[c];
    let created = anchor - TimeDelta::days(365 - 10 * c as i64);
    Channel {
        id: ids::uuid("channel", c as u64),
        name: name.into(),
        slug: slug.into(),
        title: texts(
            &format!("{name} live"),
            &format!("{name} live (DE)"),
            &format!("{name} en direct"),
            c,
        ),
        description: english(&format!(
            "Live shows and replays about {}.",
            name.to_lowercase()
        )),
        // The last channel is still being set up.
        status: if c == 5 {
            ChannelStatus::Draft
        } else {
            ChannelStatus::Ready
        },
        url: Some(format!("https://shop.example/live/{slug}")),
        logo: format!("https://cdn.sim.hello-lisa.com/channels/{slug}/logo.png"),
        banner: format!("https://cdn.sim.hello-lisa.com/channels/{slug}/banner.jpg"),
        hosts: vec![CREATORS[c % 7].into(), CREATORS[(c + 2) % 7].into()],
        highlighted_shows: Vec::new(),
        use_or_operator: c.is_multiple_of(2),
        meta: meta(created, created + TimeDelta::days(5)),
    }
}

fn show_date(j: usize, anchor: DateTime<Utc>) -> DateTime<Utc> {
    match (j, show_kind(j)) {
        (20, _) => live_start(anchor, 11),
        (45, _) => live_start(anchor, 6),
        (11, _) => show_date(10, anchor),
        (41, _) => show_date(40, anchor),
        (_, ShowKind::Live) => anchor - TimeDelta::minutes(10 + 7 * j as i64),
        (_, ShowKind::Conducted) => {
            let k = (j - 5) as i64;
            anchor - TimeDelta::days(k + 1) + TimeDelta::hours(k % 5)
        }
        (_, ShowKind::Archived) => anchor - TimeDelta::days(40 + (j - 35) as i64),
        (_, ShowKind::Scheduled) => anchor + TimeDelta::hours(3 + 7 * (j - 37) as i64),
        (_, ShowKind::Draft) => anchor + TimeDelta::days(10 + (j - 62) as i64),
    }
}

fn show(j: usize, anchor: DateTime<Utc>, store: &Store) -> Show {
    let id = ids::uuid("show", j as u64);
    let kind = show_kind(j);
    let (en, de, fr) = SHOW_THEMES[j % SHOW_THEMES.len()];
    let name = format!("{en} {}", j / SHOW_THEMES.len() + 1);
    let date = show_date(j, anchor);
    // Shows 30 and 31 were created at the same instant.
    let created =
        anchor - TimeDelta::days(100) + TimeDelta::days(if j == 31 { 30 } else { j as i64 });
    let modified = match kind {
        ShowKind::Live => anchor - TimeDelta::minutes(5),
        ShowKind::Conducted => date + TimeDelta::hours(2),
        _ => created + TimeDelta::days(1),
    };
    let conducted = matches!(kind, ShowKind::Conducted | ShowKind::Archived);
    let base = "https://live.sim.hello-lisa.com/shows";
    Show {
        id,
        title: texts(
            &name,
            &format!("{de} {}", j / 10 + 1),
            &format!("{fr} {}", j / 10 + 1),
            j,
        ),
        description: texts(
            &format!("Join {} for {en}.", CREATORS[j % 7]),
            &format!("Mit {}: {de}.", CREATORS[j % 7]),
            &format!("Avec {} : {fr}.", CREATORS[j % 7]),
            j + 1,
        ),
        name,
        status: match kind {
            ShowKind::Draft => ShowStatus::Draft,
            ShowKind::Archived => ShowStatus::Archived,
            _ => ShowStatus::Ready,
        },
        date,
        is_live: kind == ShowKind::Live,
        is_conducted: conducted,
        channel_id: store.channels[j % store.channels.len()].id,
        creators: pick(&CREATORS, j, 3, j.is_multiple_of(3)),
        tags: pick(&SHOW_TAGS, j, 1 + 2 * (j % 4), j.is_multiple_of(2)),
        categories: pick(&CATEGORIES, j, 2, j.is_multiple_of(4)),
        thumbnail: format!("https://cdn.sim.hello-lisa.com/shows/{id}/thumbnail.jpg"),
        portrait_thumbnail: format!("https://cdn.sim.hello-lisa.com/shows/{id}/portrait.jpg"),
        hls_url: match kind {
            ShowKind::Live => Some(format!("{base}/{id}/live.m3u8")),
            _ if conducted => Some(format!("{base}/{id}/replay.m3u8")),
            _ => None,
        },
        replay_url: conducted.then(|| format!("{base}/{id}/replay.mp4")),
        products: (0..2 + j % 3)
            .map(|t| store.product_refs[(j * 5 + t * 11) % PRODUCTS].clone())
            .collect(),
        meta: meta(created, modified),
    }
}

/// One or two distinct words: `words[j]`, plus `words[j + offset]` when `second`.
fn pick(words: &[&str], j: usize, offset: usize, second: bool) -> Vec<String> {
    let mut out = vec![words[j % words.len()].to_string()];
    let other = words[(j + offset) % words.len()];
    if second && !out.iter().any(|w| w == other) {
        out.push(other.into());
    }
    out
}
