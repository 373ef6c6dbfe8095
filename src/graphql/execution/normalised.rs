//! A GraphQL document's text with what the language ignores taken out (comments, commas, and
//! whitespace where no token needs it), so that clients formatting one document differently
//! share one response-cache entry. It runs on every request before anything is parsed, so it
//! is one pass over the bytes; it keeps every token as written, so two documents with
//! different tokens never come out the same.

/// Single-character punctuators: they never merge with what is next to them, so the ignored
/// characters around them can go. Elsewhere (between names, numbers, strings, `...`, `-`) one
/// space is kept.
fn stands_alone(c: char) -> bool {
    matches!(
        c,
        '{' | '}' | '(' | ')' | '[' | ']' | ':' | '=' | '@' | '!' | '|' | '&' | '$'
    )
}

/// Whether GraphQL ignores `c` between tokens (commas included).
fn ignored(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | ',' | '\u{feff}')
}

pub(crate) fn normalised(document: &str) -> String {
    let mut out = String::with_capacity(document.len());
    let mut chars = document.char_indices().peekable();
    let mut gap = false;
    while let Some((at, c)) = chars.next() {
        if ignored(c) {
            gap = true;
            continue;
        }
        if c == '#' {
            while chars.next_if(|(_, c)| *c != '\n' && *c != '\r').is_some() {}
            gap = true;
            continue;
        }
        if gap && out.chars().next_back().is_some_and(|p| !stands_alone(p)) && !stands_alone(c) {
            out.push(' ');
        }
        gap = false;
        if c == '"' {
            let end = string_end(document, at);
            out.push_str(&document[at..end]);
            while chars.next_if(|(i, _)| *i < end).is_some() {}
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the string starting at `start` (a `"`) ends: after its closing quote(s), or at the
/// end of the document when it is not closed (parsing will refuse it).
fn string_end(document: &str, start: usize) -> usize {
    let rest = &document[start..];
    if let Some(body) = rest.strip_prefix("\"\"\"") {
        // A block string: up to the first `"""` not escaped as `\"""`.
        let mut from = 0;
        while let Some(found) = body[from..].find("\"\"\"") {
            let at = from + found;
            if body[..at].ends_with('\\') {
                from = at + 3;
                continue;
            }
            return start + 3 + at + 3;
        }
        return document.len();
    }
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return start + i + 1,
            '\n' | '\r' => return start + i,
            _ => {}
        }
    }
    document.len()
}

#[cfg(test)]
mod tests {
    use super::normalised;

    #[test]
    fn formatting_comments_and_commas_do_not_matter() {
        let pretty = "# the home page\nquery Home($first: Int = 5) {\n  liveContents(first: $first, after: null) {\n    edges { node { id title } }\n  }\n}\n";
        let compact = "query Home($first:Int=5){liveContents(first:$first after:null){edges{node{id title}}}}";
        assert_eq!(normalised(pretty), compact);
        assert_eq!(normalised(compact), compact);
    }

    #[test]
    fn strings_are_kept_as_written() {
        let doc = r#"{ a(s: "x ,  # y", t: """ multi # "" \""" line """) { id } }"#;
        assert_eq!(
            normalised(doc),
            r#"{a(s:"x ,  # y" t:""" multi # "" \""" line """){id}}"#
        );
        assert_eq!(normalised(r#"{ a(s: "\"") }"#), r#"{a(s:"\"")}"#);
    }

    #[test]
    fn different_tokens_stay_different() {
        let pairs = [
            ("{ a b }", "{ ab }"),
            ("{ ... on A { x } }", "{ . . . on A { x } }"),
            ("{ a(n: -1) }", "{ a(n: - 1) }"),
            ("{ a(n: 1.5) }", "{ a(n: 1 .5) }"),
            (r#"{ a(l: ["" "x"]) }"#, r#"{ a(l: ["""x"]) }"#),
        ];
        for (one, other) in pairs {
            assert_ne!(normalised(one), normalised(other), "{one} / {other}");
        }
    }

    #[test]
    fn unclosed_strings_and_comments_end_with_the_document() {
        assert_eq!(normalised("{ a(s: \"open"), "{a(s:\"open");
        assert_eq!(normalised("{ a(s: \"\"\"open"), "{a(s:\"\"\"open");
        assert_eq!(normalised("{ a } # done"), "{a}");
    }
}
