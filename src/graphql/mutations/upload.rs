//! Files uploaded with the GraphQL multipart request, read into memory to forward to a provider.

use std::io::Read;

use async_graphql::{Context, Upload};

use crate::error::{ErrorCode, graphql_error};
use crate::providers::caast::FileUpload;

/// Reads an optional upload (off the async threads: the file may sit in a temporary file).
pub async fn read_upload(
    ctx: &Context<'_>,
    upload: Option<&Upload>,
) -> async_graphql::Result<Option<FileUpload>> {
    let Some(upload) = upload else {
        return Ok(None);
    };
    let value = upload.value(ctx).map_err(|_| {
        graphql_error(
            ErrorCode::BadUserInput,
            "an uploaded file is missing from the request",
        )
    })?;
    let (file_name, content_type) = (value.filename.clone(), value.content_type.clone());
    let bytes = tokio::task::spawn_blocking(move || {
        let mut bytes = Vec::new();
        value.into_read().read_to_end(&mut bytes).map(|_| bytes)
    })
    .await
    .map_err(|_| graphql_error(ErrorCode::Internal, "reading an upload failed"))?
    .map_err(|_| graphql_error(ErrorCode::BadUserInput, "an uploaded file cannot be read"))?;
    Ok(Some(FileUpload {
        file_name,
        content_type,
        bytes,
    }))
}
