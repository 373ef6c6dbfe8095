//! Vocabulary for the seeded catalogue: picked by index so every start is identical.

use super::super::model::lisa::Texts;

pub(crate) const SELLERS: [&str; 8] = [
    "Maison Lumière",
    "Nordic Threads",
    "Urban Kicks",
    "Glow Lab",
    "TechNest",
    "Casa Verde",
    "Petit Atelier",
    "Sunset Surf",
];

pub(crate) const ADJECTIVES: [&str; 10] = [
    "Classic", "Organic", "Vintage", "Compact", "Luxe", "Everyday", "Bold", "Soft", "Smart", "Eco",
];

pub(crate) const NOUNS: [&str; 12] = [
    "Linen Shirt",
    "Face Serum",
    "Running Shoe",
    "Desk Lamp",
    "Wool Scarf",
    "Wireless Earbuds",
    "Ceramic Vase",
    "Denim Jacket",
    "Lip Balm",
    "Backpack",
    "Surfboard Wax",
    "Throw Pillow",
];

pub(crate) const COLORS: [&str; 6] = ["black", "white", "sand", "navy", "olive", "coral"];
pub(crate) const SIZES: [&str; 4] = ["S", "M", "L", "one size"];

pub(crate) const LIVE_THEMES: [&str; 15] = [
    "Spring Collection",
    "Beauty Hour",
    "Tech Tuesday",
    "Home Makeover",
    "Flash Sale",
    "Summer Essentials",
    "Sneaker Drop",
    "Kitchen Secrets",
    "Skincare Routine",
    "Weekend Deals",
    "Denim Edit",
    "Gadget Showcase",
    "Cozy Living",
    "Surf Gear",
    "Kids Corner",
];

pub(crate) const CAAST_TAGS: [&str; 8] = [
    "fashion",
    "beauty",
    "tech",
    "home",
    "sale",
    "new",
    "summer",
    "live-deal",
];

pub(crate) const CHAT_AUTHORS: [&str; 7] = ["emma", "lucas", "chloe", "noah", "mia", "leo", "host"];

pub(crate) const CHAT_LINES: [&str; 10] = [
    "Hello from Lyon!",
    "Is it available in blue?",
    "What size is the model wearing?",
    "Love this one 😍",
    "How long is the discount valid?",
    "Just ordered!",
    "Can you show the back?",
    "Does it ship abroad?",
    "Welcome everyone, the code LIVE10 is active",
    "Great quality, I have it already",
];

pub(crate) const CHANNELS: [(&str, &str); 6] = [
    ("Fashion", "fashion"),
    ("Beauty", "beauty"),
    ("Tech", "tech"),
    ("Home & Living", "home-living"),
    ("Sports", "sports"),
    ("Kids", "kids"),
];

pub(crate) const CREATORS: [&str; 7] = [
    "jane.doe",
    "max.mustermann",
    "lea.martin",
    "tom.smith",
    "ana.silva",
    "kai.chen",
    "sofia.rossi",
];

pub(crate) const SHOW_TAGS: [&str; 8] = [
    "casual",
    "summer",
    "sale",
    "new-in",
    "evening",
    "outdoor",
    "gift-ideas",
    "eco",
];

pub(crate) const CATEGORIES: [&str; 6] = ["women", "men", "kids", "beauty", "electronics", "home"];

pub(crate) const SHOW_THEMES: [(&str, &str, &str); 10] = [
    ("Summer Looks", "Sommer-Looks", "Looks d'été"),
    ("Glow Up Live", "Glow-Up Live", "Glow Up en direct"),
    ("Gadget Night", "Gadget-Abend", "Soirée gadgets"),
    ("Home Refresh", "Wohnen neu gedacht", "Maison rafraîchie"),
    ("Trail Ready", "Bereit für den Trail", "Prêt pour le trail"),
    ("Back to School", "Schulstart", "La rentrée"),
    ("Evening Edit", "Abendmode", "Sélection du soir"),
    ("Eco Heroes", "Öko-Helden", "Héros éco"),
    ("Gift Guide", "Geschenkideen", "Idées cadeaux"),
    ("Denim Day", "Denim-Tag", "Journée denim"),
];

pub(crate) const STICKER_TYPES: [(&str, &str); 4] = [
    ("voucher", "modal"),
    ("product", "link"),
    ("link", "link"),
    ("poll", "modal"),
];

/// A multi-language text; every fourth text only has the `*` fallback, as real data does.
pub(crate) fn texts(en: &str, de: &str, fr: &str, n: usize) -> Texts {
    let mut map = Texts::new();
    map.insert("*".into(), en.into());
    if n % 4 != 3 {
        map.insert("en-us".into(), en.into());
        map.insert("de-de".into(), de.into());
        map.insert("fr-fr".into(), fr.into());
    }
    map
}

/// A text in English only (plus the fallback).
pub(crate) fn english(text: &str) -> Texts {
    let mut map = Texts::new();
    map.insert("*".into(), text.into());
    map.insert("en-us".into(), text.into());
    map
}
