//! Where to send a live content's video: a Caast live's RTMP URL and key, a LiSA show's RTMP
//! keys. Secret: every field here is for an operator only, and answers `null` with
//! `UNAUTHENTICATED` to anyone else.

use async_graphql::{Context, ErrorExtensions, SimpleObject};

use crate::graphql::live_content::LiveContent;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients;
use crate::graphql::resolver::field_errors::nullable;
use crate::providers::caast;

/// Where to send a live's video: secret, for an operator only.
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct StreamCredential {
    /// The RTMP ingest URL.
    pub(crate) rtmp_url: Option<String>,
    /// The stream key (secret).
    pub(crate) stream_key: Option<String>,
}

/// The content's credentials (a LiSA show's from `GET /shows/{id}/rtmp-keys`).
pub(crate) async fn stream_credentials(
    ctx: &Context<'_>,
    content: &LiveContent,
) -> Option<Vec<StreamCredential>> {
    nullable(ctx, require_operator(ctx))?;
    match content {
        LiveContent::Caast(live) => Some(caast_credential(live).into_iter().collect()),
        LiveContent::Lisa(show) => {
            let keys = async {
                clients::lisa_client(ctx)?
                    .rtmp_keys(&show.id)
                    .await
                    .map_err(|e| e.extend())
            };
            let keys = nullable(ctx, keys.await)?;
            let credentials = keys.into_iter().map(|k| StreamCredential {
                rtmp_url: k.url,
                stream_key: k.stream_key,
            });
            Some(credentials.collect())
        }
    }
}

/// How many credentials the content has (a LiSA show's from `GET /shows/{id}/rtmp-keys/count`,
/// without reading the keys themselves).
pub(crate) async fn stream_credential_count(
    ctx: &Context<'_>,
    content: &LiveContent,
) -> Option<u64> {
    nullable(ctx, require_operator(ctx))?;
    match content {
        LiveContent::Caast(live) => Some(u64::from(caast_credential(live).is_some())),
        LiveContent::Lisa(show) => {
            let count = async {
                clients::lisa_client(ctx)?
                    .count_rtmp_keys(&show.id)
                    .await
                    .map_err(|e| e.extend())
            };
            nullable(ctx, count.await)
        }
    }
}

/// A Caast live's one credential, when it has an RTMP URL or a stream key.
fn caast_credential(live: &caast::Live) -> Option<StreamCredential> {
    (live.rtmp_url.is_some() || live.stream_key.is_some()).then(|| StreamCredential {
        rtmp_url: live.rtmp_url.clone(),
        stream_key: live.stream_key.clone(),
    })
}
