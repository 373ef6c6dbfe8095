//! Syntax errors as graphql-js words them. async-graphql's parser reports one as a drawing of
//! the line (`" --> 1:24\n  |\n1 | { a {\n  |  ^---"`), which reads badly in a client's error
//! list; graphql-js, which clients and their tooling show, says
//! `Syntax Error: Expected Name, found <EOF>.`, with the place in `locations`. This words the
//! parser's error that way, from what it expected and what the text holds where it stopped.

use async_graphql::parser::Error;
use async_graphql::{Pos, ServerError};

/// The error a document that does not parse is answered with.
pub(super) fn syntax_error(text: &str, error: Error) -> ServerError {
    let Error::Syntax { message, start, .. } = &error else {
        return error.into();
    };
    let worded = if let Some(invalid) = message.strip_prefix("invalid number: ") {
        format!("Syntax Error: Invalid number ({invalid}).")
    } else {
        let found = found(text, *start);
        if expects_a_name(message) {
            format!("Syntax Error: Expected Name, found {found}.")
        } else {
            format!("Syntax Error: Unexpected {found}.")
        }
    };
    ServerError::new(worded, Some(*start))
}

/// Whether every rule the parser expected at that point begins with a name (a field, an
/// argument, a fragment's name…), as graphql-js's "Expected Name" means.
fn expects_a_name(message: &str) -> bool {
    const NAMED: [&str; 7] = [
        "name",
        "selection",
        "field",
        "alias",
        "enum_value",
        "fragment_spread",
        "type_condition",
    ];
    let Some(expected) = message
        .lines()
        .find_map(|line| line.trim().strip_prefix("= expected "))
    else {
        return false;
    };
    expected
        .split([',', ' '])
        .filter(|word| !word.is_empty() && *word != "or")
        .all(|rule| NAMED.contains(&rule))
}

/// What the text holds at `at`, as graphql-js names tokens: `<EOF>`, `"}"`, `Name "a"`,
/// `Int "1"`, `Float "1.5"`, `String "x"`.
fn found(text: &str, at: Pos) -> String {
    let rest = skip_ignored(&text[offset(text, at)..]);
    let Some(first) = rest.chars().next() else {
        return "<EOF>".into();
    };
    if rest.starts_with("...") {
        return "\"...\"".into();
    }
    if first == '_' || first.is_ascii_alphabetic() {
        let end = rest
            .find(|c: char| c != '_' && !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        return format!("Name \"{}\"", &rest[..end]);
    }
    if first == '-' || first.is_ascii_digit() {
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_digit() && !matches!(c, '.' | 'e' | 'E' | '+' | '-'))
            .map_or(rest.len(), |end| end + 1);
        let number = &rest[..end];
        let kind = if number.contains(['.', 'e', 'E']) {
            "Float"
        } else {
            "Int"
        };
        return format!("{kind} \"{number}\"");
    }
    if first == '"' {
        return "String".into();
    }
    format!("\"{first}\"")
}

/// The byte offset of a 1-based line and column (in characters).
fn offset(text: &str, at: Pos) -> usize {
    let mut line_start = 0;
    for _ in 1..at.line {
        match text[line_start..].find('\n') {
            Some(end) => line_start += end + 1,
            None => return text.len(),
        }
    }
    let line = &text[line_start..];
    line.char_indices()
        .nth(at.column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// `text` past white space, commas and comments, which GraphQL ignores.
fn skip_ignored(mut text: &str) -> &str {
    loop {
        text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '\u{feff}');
        match text.strip_prefix('#') {
            Some(comment) => text = comment.find('\n').map_or("", |end| &comment[end..]),
            None => return text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worded(text: &str) -> (String, Vec<Pos>) {
        let error = async_graphql::parser::parse_query(text).unwrap_err();
        let error = syntax_error(text, error);
        (error.message, error.locations)
    }

    #[test]
    fn an_unfinished_selection_expects_a_name_at_the_end() {
        let (message, locations) = worded("{ liveContents(first: 1) {");
        assert_eq!(message, "Syntax Error: Expected Name, found <EOF>.");
        assert_eq!(locations.len(), 1);
    }

    #[test]
    fn a_stray_token_is_named_as_graphql_js_names_it() {
        assert_eq!(worded("{ a(b: ) }").0, "Syntax Error: Unexpected \")\".");
        assert_eq!(worded("{ a } }").0, "Syntax Error: Unexpected \"}\".");
        assert_eq!(
            worded("{ a(: 1) }").0,
            "Syntax Error: Expected Name, found \":\"."
        );
    }

    #[test]
    fn offsets_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset(text, Pos { line: 2, column: 3 }), 5);
        assert_eq!(offset(text, Pos { line: 3, column: 1 }), 8);
        assert_eq!(offset(text, Pos { line: 9, column: 1 }), text.len());
    }
}
