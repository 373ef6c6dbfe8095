//! What the Caast writes take, and how each goes on the wire: lives, videos and products as
//! `multipart/form-data` (thumbnails are files), sellers and finishing a live as JSON.

use reqwest::multipart::{Form, Part};
use serde::Serialize;

/// A file to forward, as the client uploaded it.
#[derive(Debug, Clone)]
pub(crate) struct FileUpload {
    pub(crate) file_name: String,
    pub(crate) content_type: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

/// What a write does to one field: leaves it, clears it, or sets it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Change<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<T> Change<T> {
    /// Whether the field is written (set or cleared), not kept.
    fn writes(&self) -> bool {
        !matches!(self, Self::Keep)
    }
}

/// A live or a video to create or update (`start_date` is for lives).
#[derive(Debug, Clone, Default)]
pub(crate) struct ContentInput {
    pub(crate) name: String,
    pub(crate) description: Change<String>,
    pub(crate) seller_id: Change<String>,
    /// An empty list clears the tags, as `Change::Clear` does.
    pub(crate) tags: Change<Vec<String>>,
    pub(crate) product_ids: Change<Vec<String>>,
    /// ISO 8601.
    pub(crate) start_date: Option<String>,
    pub(crate) thumbnail: Option<FileUpload>,
    pub(crate) portrait_thumbnail: Option<FileUpload>,
}

/// A product to create or update.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProductInput {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) seller_id: Option<String>,
    pub(crate) ean: Option<String>,
    pub(crate) price: Option<String>,
    pub(crate) discount_price: Option<String>,
    pub(crate) in_stock: Option<bool>,
    pub(crate) url: Option<String>,
    pub(crate) complementary_informations: Option<serde_json::Value>,
    pub(crate) thumbnail: Option<FileUpload>,
}

/// A seller to create or update (JSON).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct SellerInput {
    pub(crate) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    pub(crate) external_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) moderated: Option<bool>,
}

/// `POST /lives/{id}/finish`: `false` restarts the live.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FinishInput {
    pub(crate) is_finished: bool,
    /// ISO 8601.
    pub(crate) end_date: String,
}

/// A multipart form with optional text fields and `name[]` lists.
struct FormBuilder(Form);

impl FormBuilder {
    fn text(self, name: &'static str, value: Option<String>) -> Self {
        match value {
            Some(value) => Self(self.0.text(name, value)),
            None => self,
        }
    }

    /// A field to keep is not sent; one to clear is sent empty, which Caast (a form field
    /// given empty is a null there) reads as "no value".
    fn change(self, name: &'static str, change: Change<String>) -> Self {
        match change {
            Change::Keep => self,
            Change::Clear => Self(self.0.text(name, "")),
            Change::Set(value) => Self(self.0.text(name, value)),
        }
    }

    /// A list to keep is not sent; an empty one (or one to clear) is sent as one empty
    /// element, which clears it; else each element is sent.
    fn list_change(self, name: &'static str, change: Change<Vec<String>>) -> Self {
        match change {
            Change::Keep => self,
            Change::Set(values) if !values.is_empty() => self.list(name, Some(values)),
            Change::Clear | Change::Set(_) => Self(self.0.text(name, "")),
        }
    }

    fn list(self, name: &'static str, values: Option<Vec<String>>) -> Self {
        values
            .into_iter()
            .flatten()
            .fold(self, |form, value| Self(form.0.text(name, value)))
    }

    fn file(self, name: &'static str, file: Option<FileUpload>) -> Self {
        let Some(file) = file else { return self };
        // A content type that is not a valid MIME type is dropped rather than failing the write.
        let content_type = file
            .content_type
            .filter(|ct| Part::text("").mime_str(ct).is_ok());
        let mut part = Part::bytes(file.bytes).file_name(file.file_name);
        if let Some(content_type) = content_type {
            part = part
                .mime_str(&content_type)
                .expect("checked to parse above");
        }
        Self(self.0.part(name, part))
    }
}

impl ContentInput {
    /// Caast's names of the fields this input writes (set or cleared), alphabetically.
    pub(crate) fn written_fields(&self) -> Vec<String> {
        let written = [
            ("description", self.description.writes()),
            ("name", true),
            ("portrait_thumbnail", self.portrait_thumbnail.is_some()),
            ("product_ids", self.product_ids.writes()),
            ("seller_id", self.seller_id.writes()),
            ("start_date", self.start_date.is_some()),
            ("tags", self.tags.writes()),
            ("thumbnail", self.thumbnail.is_some()),
        ];
        (written.into_iter())
            .filter(|(_, written)| *written)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    pub(crate) fn into_form(self) -> Form {
        FormBuilder(Form::new().text("name", self.name))
            .change("description", self.description)
            .change("seller_id", self.seller_id)
            .text("start_date", self.start_date)
            .list_change("tags[]", self.tags)
            .list_change("product_ids[]", self.product_ids)
            .file("thumbnail", self.thumbnail)
            .file("portrait_thumbnail", self.portrait_thumbnail)
            .0
    }
}

impl ProductInput {
    pub(crate) fn into_form(self) -> Form {
        FormBuilder(Form::new().text("name", self.name))
            .text("description", self.description)
            .text("ref", self.reference)
            .text("seller_id", self.seller_id)
            .text("ean", self.ean)
            .text("price", self.price)
            .text("discount_price", self.discount_price)
            .text("in_stock", self.in_stock.map(|b| b.to_string()))
            .text("url", self.url)
            .text(
                "complementary_informations",
                self.complementary_informations.map(|v| v.to_string()),
            )
            .file("thumbnail", self.thumbnail)
            .0
    }
}
