//! Files uploaded with the GraphQL multipart request, read into memory to forward to a provider.
//!
//! One file may fill several variables (the multipart spec maps a file to a list of paths, and
//! apollo-upload-client does so when one `File` is used twice). Every variable then holds a copy
//! of one open file, sharing its read position: each is read from the start at fixed offsets,
//! never from that shared position, or the second would find the first's end.

use std::fs::File;
use std::os::unix::fs::FileExt;

use async_graphql::{Context, Upload};

use crate::error::{ErrorCode, graphql_error};
use crate::providers::caast::FileUpload;

/// Reads an optional upload (off the async threads: the file may sit in a temporary file).
pub(crate) async fn read_upload(
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
    let bytes = tokio::task::spawn_blocking(move || read_whole(&value.content))
        .await
        .map_err(|_| graphql_error(ErrorCode::Internal, "reading an upload failed"))?
        .map_err(|_| graphql_error(ErrorCode::BadUserInput, "an uploaded file cannot be read"))?;
    Ok(Some(FileUpload {
        file_name,
        content_type,
        bytes,
    }))
}

/// The whole file, read at offsets from its start (its shared read position is left alone).
fn read_whole(file: &File) -> std::io::Result<Vec<u8>> {
    let length = usize::try_from(file.metadata()?.len()).map_err(std::io::Error::other)?;
    let mut bytes = vec![0; length];
    file.read_exact_at(&mut bytes, 0)?;
    Ok(bytes)
}
