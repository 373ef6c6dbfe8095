//! The LiSA decoders under arbitrary and damaged answers (see `providers/fuzz_json.rs`): they
//! never panic, and a damaged item costs only itself.

use std::fmt::Debug;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{
    BadgeWire, ChannelWire, ClipWire, List, ProductRefWire, ShowWire, SnippetWire, StickerWire,
    StoryWire,
};
use crate::providers::fuzz_json::{CASES, Damage, damage, damage_items, json, string_id};
use crate::providers::tolerant::read_item;

/// Field names the LiSA decoders read, for the fuzzer to hit often.
const KNOWN: &[&str] = &[
    "id",
    "items",
    "scrolling",
    "cursor",
    "name",
    "title",
    "description",
    "date",
    "isLive",
    "isConducted",
    "tags",
    "assets",
    "media",
    "channel",
    "slug",
    "creators",
    "categories",
    "products",
    "reference",
    "status",
    "hosts",
    "highlightedShows",
    "mediaItemId",
    "isPublished",
    "publishedAt",
    "badgeTitle",
    "showId",
    "product",
    "startSecond",
    "duration",
    "hlsUrl",
    "thumbnail",
    "type",
];

fn show(i: usize) -> Value {
    json!({
        "id": format!("show-{i}"), "name": format!("Show {i}"),
        "title": {"fr": "Titre", "*": "Title"}, "date": "2026-01-02T10:00:00Z",
        "isLive": i.is_multiple_of(2), "tags": ["a", "b"], "assets": {"thumbnail": "https://t/x.png"},
        "media": {"hlsUrl": "https://h/x.m3u8"}, "channel": {"id": "ch-1", "slug": "main"},
        "creators": ["ann"], "products": [{"id": "p1", "reference": "SKU1"}, "SKU2"],
        "status": "ready"
    })
}

fn channel(i: usize) -> Value {
    json!({
        "id": format!("ch-{i}"), "name": "Main", "slug": format!("main-{i}"),
        "title": {"en": "Main"}, "hosts": [{"username": "ann"}, "bob"],
        "highlightedShows": [{"id": "s1"}, "s2"], "assets": {"logo": "https://l/x.png"}
    })
}

fn sticker(i: usize) -> Value {
    json!({
        "id": format!("st-{i}"), "name": "Poll", "stickerType": "poll",
        "mediaItemId": format!("show-{}", i % 3), "isPublished": true,
        "publishedAt": "2026-01-02T10:00:00Z", "badgeTitle": {"en": "Vote", "fr": null},
        "activation": {"type": "manual"}
    })
}

fn snippet(i: usize) -> Value {
    json!({
        "id": format!("sn-{i}"), "name": "Moment", "showId": "show-1",
        "product": {"reference": "SKU1"}, "startSecond": 1.5, "endSecond": 9,
        "media": {"mp4Url": "https://m/x.mp4"}
    })
}

fn clip(i: usize) -> Value {
    json!({
        "id": format!("cl-{i}"), "name": "Clip", "title": {"*": "Clip"}, "showId": "show-1",
        "orientation": "portrait", "duration": 12.5, "media": {"hlsUrl": "https://h/c.m3u8"}
    })
}

fn story(i: usize) -> Value {
    json!({
        "id": format!("sy-{i}"), "name": "Story", "channel": {"slug": "main"},
        "items": [{"type": "show", "id": "show-1"}, {"type": "other", "id": "x"}, "show-2"],
        "assets": {"thumbnail": "https://t/s.png"}
    })
}

/// Decodes a batch of `n` items made by `template`, some damaged, and checks that exactly the
/// items left without a string id are dropped, each named, and that every undamaged item comes
/// back as it would from an undamaged batch.
fn check_batch<W, T>(
    template: fn(usize) -> Value,
    convert: fn(W) -> T,
    id_of: fn(&T) -> &str,
    damages: &[Option<Damage>],
) -> Result<(), TestCaseError>
where
    W: DeserializeOwned,
    T: PartialEq + Debug,
{
    let pristine: Vec<Value> = (0..damages.len()).map(template).collect();
    let mut items = pristine.clone();
    damage_items(&mut items, damages);
    let readable: Vec<usize> = (0..items.len())
        .filter(|&i| string_id(&items[i]).is_some())
        .collect();
    let body = json!({"items": items, "scrolling": {"cursor": "next"}});
    let list: List = serde_json::from_str(&body.to_string()).expect("a valid envelope");
    let scroll = list.into_scroll("fuzz.find", convert);
    prop_assert_eq!(scroll.next_cursor.as_deref(), Some("next"));
    let ids: Vec<&str> = scroll.items.iter().map(id_of).collect();
    let expected: Vec<&str> = readable
        .iter()
        .map(|&i| string_id(&items[i]).unwrap())
        .collect();
    prop_assert_eq!(ids, expected);
    let dropped: Vec<String> = scroll.dropped.iter().map(|d| d.at.clone()).collect();
    let unreadable: Vec<String> = (0..items.len())
        .filter(|i| !readable.contains(i))
        .map(|i| format!("items[{i}]"))
        .collect();
    prop_assert_eq!(dropped, unreadable);
    for (index, item) in readable.iter().zip(&scroll.items) {
        if damages[*index].is_none() {
            let whole = convert(read_item::<W>(pristine[*index].clone()).expect("valid"));
            prop_assert_eq!(item, &whole);
        }
    }
    Ok(())
}

fn damages() -> impl Strategy<Value = Vec<Option<Damage>>> {
    prop::collection::vec(prop::option::weighted(0.3, damage(KNOWN)), 1..20)
}

/// Every decoder, fed `value` as a list body and as a single item: none may panic.
fn decode_everything(value: &Value) {
    if let Ok(list) = serde_json::from_str::<List>(&value.to_string()) {
        let _ = list.into_scroll("fuzz.find", ShowWire::into_show);
    }
    let item = || value.clone();
    let _ = read_item::<ShowWire>(item()).map(ShowWire::into_show);
    let _ = read_item::<ChannelWire>(item()).map(ChannelWire::into_channel);
    let _ = read_item::<StickerWire>(item()).map(StickerWire::into_sticker);
    let _ = read_item::<SnippetWire>(item()).map(SnippetWire::into_snippet);
    let _ = read_item::<ClipWire>(item()).map(ClipWire::into_clip);
    let _ = read_item::<StoryWire>(item()).map(StoryWire::into_story);
    let _ = read_item::<BadgeWire>(item()).map(BadgeWire::into_badge);
    let _ = read_item::<ProductRefWire>(item()).map(ProductRefWire::into_product_ref);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_json_decodes_without_panic(value in json(KNOWN)) {
        decode_everything(&value);
        decode_everything(&json!({"items": [value.clone(), show(0)], "scrolling": value}));
    }

    #[test]
    fn a_damaged_show_costs_only_itself(damages in damages()) {
        check_batch(show, ShowWire::into_show, |s| &s.id, &damages)?;
    }

    #[test]
    fn a_damaged_channel_costs_only_itself(damages in damages()) {
        check_batch(channel, ChannelWire::into_channel, |c| &c.id, &damages)?;
    }

    #[test]
    fn a_damaged_sticker_costs_only_itself(damages in damages()) {
        check_batch(sticker, StickerWire::into_sticker, |s| &s.id, &damages)?;
    }

    #[test]
    fn a_damaged_snippet_costs_only_itself(damages in damages()) {
        check_batch(snippet, SnippetWire::into_snippet, |s| &s.id, &damages)?;
    }

    #[test]
    fn a_damaged_clip_costs_only_itself(damages in damages()) {
        check_batch(clip, ClipWire::into_clip, |c| &c.id, &damages)?;
    }

    #[test]
    fn a_damaged_story_costs_only_itself(damages in damages()) {
        check_batch(story, StoryWire::into_story, |s| &s.id, &damages)?;
    }
}
