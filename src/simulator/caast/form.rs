//! Caast's multipart bodies, read whole: text fields, repeated array fields
//! (`tags[]`) and uploaded files (kept as name and size only; the simulator stores a
//! CDN-looking URL, not the bytes).

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;

use super::error::CaastError;

#[derive(Debug)]
enum Value {
    Text(String),
    File { size: usize },
}

#[derive(Debug, Default)]
pub(crate) struct Form(Vec<(String, Value)>);

pub(crate) async fn read_form(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Form, CaastError> {
    let mut multipart = multipart
        .map_err(|e| CaastError::unprocessable(format!("Expected multipart/form-data: {e}")))?;
    let mut form = Form::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| CaastError::unprocessable(format!("Malformed multipart body: {e}")))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let is_file = field.file_name().is_some();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| CaastError::unprocessable(format!("Malformed multipart field: {e}")))?;
        let value = if is_file {
            Value::File { size: bytes.len() }
        } else {
            Value::Text(String::from_utf8_lossy(&bytes).into_owned())
        };
        form.0.push((name, value));
    }
    Ok(form)
}

impl Form {
    /// A text field; an empty value counts as given-but-empty.
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.0.iter().find_map(|(k, v)| match v {
            Value::Text(t) if k == name => Some(t.as_str()),
            _ => None,
        })
    }

    /// A non-empty text field.
    pub(crate) fn filled(&self, name: &str) -> Option<&str> {
        self.text(name).map(str::trim).filter(|t| !t.is_empty())
    }

    /// An array field sent as `name[]` (or `name`, or `name[n]`), repeated; `None` when
    /// absent. An empty value clears the list.
    pub(crate) fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<&str> = self
            .0
            .iter()
            .filter(|(k, _)| is_array_key(k, name))
            .filter_map(|(_, v)| match v {
                Value::Text(t) => Some(t.as_str()),
                Value::File { .. } => None,
            })
            .collect();
        if values.is_empty() {
            return None;
        }
        Some(
            values
                .into_iter()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }

    /// Whether a non-empty file was uploaded under `name`.
    pub(crate) fn has_file(&self, name: &str) -> bool {
        self.0
            .iter()
            .any(|(k, v)| k == name && matches!(v, Value::File { size } if *size > 0))
    }
}

fn is_array_key(k: &str, name: &str) -> bool {
    k.strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || (rest.starts_with('[') && rest.ends_with(']')))
}
