//! Provider reads through the shared cache. A read is keyed by the provider, a fingerprint of
//! the gateway's credentials for it, the operation and the target (the URL's path and query,
//! unencoded): two credentials never share
//! an answer, and the providers' answers do not depend on anything else the gateway sends (it
//! sends no locale: texts are resolved per request from the whole multi-language map).
//!
//! A decoded answer is kept behind an `Arc` and handed out as one: a cache hit costs a
//! reference count, never a copy of the answer (a LiSA sticker alone is dozens of allocations).

use std::sync::Arc;

use super::http::{ProviderAnswer, Target, TargetPath, UpstreamHttp};
use super::{Provider, UpstreamError};
use crate::cache::{EntityType, Freshness, Invalidation, Read, Tag, Tagged, What};
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

/// One read: what it is, how fresh it must be, the list it answers (if any).
pub(crate) struct CachedCall {
    pub(crate) operation: &'static str,
    /// What a 404 means (`show`, `list`…).
    pub(crate) not_found: &'static str,
    pub(crate) freshness: Freshness,
    pub(crate) tags: Vec<Tag>,
}

impl UpstreamHttp {
    /// Reads `target` (a GET) through the cache and decodes its answer once per stored entry,
    /// which every read then shares. The call and its decoding run on a task of their own
    /// (`decode` is given the client), so they outlast any one reader. The items the answer left out are recorded in the
    /// request's trace at every read of it. A hit costs the key and a look-up: the request
    /// itself is built only when the provider is called.
    ///
    /// Boxed: a read's future (the cache look-up, and the provider call it may make) is a few
    /// kilobytes, and every resolver that reads holds one. async-graphql allocates, for each
    /// field it resolves, a future as large as its object's largest field's, so one read
    /// inline would make every field of that object cost kilobytes, read or not.
    pub(crate) async fn read<T>(
        &self,
        call: CachedCall,
        target: Target<'_>,
        decode: impl FnOnce(&Self, ProviderAnswer) -> Result<T, UpstreamError> + Send + 'static,
    ) -> Result<Arc<T>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let CachedCall {
            operation,
            not_found,
            freshness,
            tags,
        } = call;
        Box::pin(async move {
            let key = self.key(operation, target);
            // Owns what it needs: the cache runs it on a task of its own.
            let fetch = || {
                let http = self.clone();
                let request = self.build(self.request(Method::GET, self.url_of(target)));
                async move {
                    let answer = http.execute(operation, not_found, request?).await?;
                    let bytes = answer.body.len();
                    Ok((Arc::new(decode(&http, answer)?), bytes))
                }
            };
            let Some(cache) = &self.cache else {
                let (value, _) = fetch().await?;
                return Ok(self.note_dropped(&key, value));
            };
            let read = Read {
                provider: self.provider(),
                key: key.clone(),
                what: What {
                    provider: self.provider(),
                    operation,
                    path: &TargetPath { http: self, target },
                },
                freshness,
                tags,
                trace: self.trace.as_deref(),
            };
            let value = cache.read(read, fetch).await?;
            Ok(self.note_dropped(&key, value))
        })
        .await
    }

    /// `<key prefix> <operation> <target>`: the credentials, the operation and what is read.
    fn key(&self, operation: &str, target: Target<'_>) -> Arc<str> {
        let prefix = &self.key_prefix;
        let mut key = String::with_capacity(prefix.len() + operation.len() + 2 + target.key_len());
        key.push_str(prefix);
        key.push(' ');
        key.push_str(operation);
        key.push(' ');
        target.write_key(&mut key);
        Arc::from(key)
    }

    /// Records in the request's trace the items `value` (read under `key`) left out.
    fn note_dropped<T: Tagged>(&self, key: &str, value: Arc<T>) -> Arc<T> {
        if let Some(trace) = &self.trace {
            trace.fed_dropped(key, value.dropped());
        }
        value
    }

    /// Drops every cached answer carrying one of `tags` (after a write through this client).
    pub(crate) async fn invalidate(&self, tags: &[Tag]) {
        if let Some(cache) = &self.cache {
            cache.invalidate_tags(tags).await;
        }
    }

    /// Drops every cached answer about `kind`, of this provider.
    pub(crate) async fn invalidate_type(&self, kind: EntityType) {
        if let Some(cache) = &self.cache {
            let provider = self.provider();
            cache
                .invalidate(&[Invalidation::Type { provider, kind }])
                .await;
        }
    }
}

/// `<provider>/<first 8 bytes of SHA-256 of the credentials (names and values), hex>`.
pub(crate) fn key_prefix(
    provider: Provider,
    credentials: &[(HeaderName, HeaderValue)],
) -> Arc<str> {
    let mut hash = Sha256::new();
    for (name, value) in credentials {
        for part in [name.as_str().as_bytes(), value.as_bytes()] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
    }
    let digest = hash.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Arc::from(format!("{}/{hex}", provider.as_str()))
}
