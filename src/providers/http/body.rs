//! A provider's answer body, read chunk by chunk up to the configured cap: a larger answer,
//! announced or streamed, is the provider's fault (`UPSTREAM_BAD_RESPONSE`), and nothing past
//! the cap is held.

use axum::body::Bytes;

use super::UpstreamHttp;
use crate::providers::UpstreamError;

impl UpstreamHttp {
    /// The answer's body, read chunk by chunk: past `max_response_bytes` (announced or
    /// received) the read stops and the answer is a bad one; nothing past the cap is kept.
    pub(super) async fn read_body(
        &self,
        mut response: reqwest::Response,
    ) -> Result<Bytes, UpstreamError> {
        let cap = self.max_response_bytes;
        let announced = response.content_length().unwrap_or(0);
        if announced > cap as u64 {
            return Err(self.too_large());
        }
        let mut body = Vec::with_capacity(announced as usize);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            if body.len() + chunk.len() > cap {
                return Err(self.too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(body))
    }

    fn too_large(&self) -> UpstreamError {
        UpstreamError::BadResponse {
            provider: self.provider,
            detail: format!(
                "the answer is larger than {} bytes",
                self.max_response_bytes
            ),
        }
    }
}
