//! Variable errors that name the variable. async-graphql checks a variable's value where the
//! variable is used and reports it on the argument (`Invalid value for argument "first",
//! expected type "Int"`), so a client that sent `first: $size` cannot tell which of its inputs
//! was wrong. graphql-js, and the tooling clients build on it, say
//! `Variable "$size" got invalid value "ten"; …`; this rewrites async-graphql's error that way,
//! with the code `BAD_USER_INPUT`.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Pos, Positioned, ServerError, Variables};
use async_graphql_value::{ConstValue, Value};

use super::refusals::with_code;
use crate::error::ErrorCode;

const PREFIX: &str = "Invalid value for argument \"";

/// `error` naming the variable whose value it is about; unchanged when it is about a value
/// written in the document.
pub(super) fn naming_the_variable(
    error: ServerError,
    document: &ExecutableDocument,
    variables: Option<&Variables>,
) -> ServerError {
    let Some(rewritten) = rewrite(&error, document, variables) else {
        return error;
    };
    let mut error = ServerError {
        message: rewritten,
        ..error
    };
    if let Some(extensions) = error.extensions.as_mut() {
        extensions.unset("code");
    }
    with_code(error, ErrorCode::BadUserInput)
}

fn rewrite(
    error: &ServerError,
    document: &ExecutableDocument,
    variables: Option<&Variables>,
) -> Option<String> {
    let rest = error.message.strip_prefix(PREFIX)?;
    let (path, reason) = rest.split_once("\", ")?;
    let mut segments = path.split('.');
    let argument = segments.next()?;
    let at = *error.locations.first()?;
    let mut value = argument_at(document, argument, at)?;
    let mut walked = Vec::new();
    for segment in segments.by_ref() {
        if let Value::Variable(_) = value {
            walked.push(segment);
            break;
        }
        value = match value {
            Value::Object(fields) => fields.get(segment)?,
            Value::List(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    let Value::Variable(name) = value else {
        return None;
    };
    let inner: Vec<&str> = walked.into_iter().chain(segments).collect();
    let given = variables.and_then(|v| v.get(name)).map(|given| {
        inner
            .iter()
            .try_fold(given.clone(), |value, segment| match value {
                ConstValue::Object(mut fields) => fields.swap_remove(*segment),
                ConstValue::List(mut items) => {
                    let index = segment.parse::<usize>().ok()?;
                    (index < items.len()).then(|| items.swap_remove(index))
                }
                _ => None,
            })
    });
    let shown = match given.flatten() {
        Some(value) => value
            .into_json()
            .map_or_else(|_| "?".into(), |v| v.to_string()),
        None => "null".into(),
    };
    let place = if inner.is_empty() {
        String::new()
    } else {
        format!(" at \"{name}.{}\"", inner.join("."))
    };
    Some(format!(
        "Variable \"${name}\" got invalid value {shown}{place}; {reason}"
    ))
}

/// The value of the argument `name` whose name is written at `at`, anywhere in the document.
fn argument_at<'a>(document: &'a ExecutableDocument, name: &str, at: Pos) -> Option<&'a Value> {
    let operations = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set);
    let fragments = document.fragments.values().map(|f| &f.node.selection_set);
    operations
        .chain(fragments)
        .find_map(|set| in_selection_set(set, name, at))
}

fn in_selection_set<'a>(
    set: &'a Positioned<SelectionSet>,
    name: &str,
    at: Pos,
) -> Option<&'a Value> {
    set.node
        .items
        .iter()
        .find_map(|selection| match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                let directives = field.directives.iter().flat_map(|d| &d.node.arguments);
                find(field.arguments.iter().chain(directives), name, at)
                    .or_else(|| in_selection_set(&field.selection_set, name, at))
            }
            Selection::InlineFragment(fragment) => {
                in_selection_set(&fragment.node.selection_set, name, at)
            }
            Selection::FragmentSpread(_) => None,
        })
}

fn find<'a>(
    mut arguments: impl Iterator<Item = &'a (Positioned<Name>, Positioned<Value>)>,
    name: &str,
    at: Pos,
) -> Option<&'a Value> {
    arguments
        .find(|(argument, _)| argument.pos == at && argument.node.as_str() == name)
        .map(|(_, value)| &value.node)
}
