//! Outside values as logs, traces and refusals show them: cut to a small fixed length, so that
//! no input, however long, makes a long log line (one that an attacker could repeat to fill a
//! disk).

use std::borrow::Cow;

/// The most bytes of one outside value a log line, a span or a refusal shows.
pub(crate) const SHOWN_BYTES: usize = 128;

/// `text` itself when short; else its first [`SHOWN_BYTES`] (cut at a character boundary)
/// followed by `…`.
pub(crate) fn clipped(text: &str) -> Cow<'_, str> {
    if text.len() <= SHOWN_BYTES {
        return Cow::Borrowed(text);
    }
    let mut end = SHOWN_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_shown_whole_and_long_ones_cut_at_a_character() {
        assert_eq!(clipped("Show:update"), "Show:update");
        let long = "é".repeat(1000);
        let shown = clipped(&long);
        assert!(
            shown.len() <= SHOWN_BYTES + '…'.len_utf8(),
            "{}",
            shown.len()
        );
        assert!(shown.ends_with('…'));
        assert!(long.starts_with(shown.trim_end_matches('…')));
    }
}
