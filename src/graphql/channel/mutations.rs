//! The LiSA channel mutations: create, update (a `null` empties a field, as LiSA documents),
//! delete (archive; a second delete removes).

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use serde_json::{Map, Value, json};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::channel::Channel;
use crate::graphql::channel::query::channel_key;
use crate::graphql::mutations::input_checks::{http_url, not_empty};
use crate::graphql::mutations::write_error;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::lisa_client;
use crate::providers::UpstreamError;

/// A text in one language, to write.
#[derive(InputObject)]
pub(crate) struct TranslationInput {
    /// A lower-case locale (`en`, `de-de`…), or `*` for the fallback.
    pub(crate) locale: String,
    /// The text. LiSA documents no way to remove one language: `null` empties the whole
    /// field instead (see `UpdateChannelInput.title`).
    pub(crate) text: String,
}

/// A channel to create.
#[derive(InputObject)]
pub(crate) struct CreateChannelInput {
    /// The internal name (not empty).
    pub(crate) name: String,
    /// The slug (`a-z`, digits, dashes); made from the name when absent.
    pub(crate) slug: Option<String>,
    /// The title, by language.
    pub(crate) title: Option<Vec<TranslationInput>>,
    /// The merchant's page with the channel's videos (an http(s) URL).
    pub(crate) url: Option<String>,
}

/// What to change on a channel: an absent field stays, `null` empties `title` or `url`.
#[derive(InputObject)]
pub(crate) struct UpdateChannelInput {
    /// The internal name.
    pub(crate) name: Option<String>,
    /// The slug.
    pub(crate) slug: Option<String>,
    /// The title, by language, sent to LiSA as given (`null` empties it: the reference
    /// documents `null` for the whole field, not for one language).
    pub(crate) title: MaybeUndefined<Vec<TranslationInput>>,
    /// The merchant's page (`null` empties it).
    pub(crate) url: MaybeUndefined<String>,
}

/// What a delete did.
#[derive(SimpleObject)]
pub(crate) struct ChannelDeletion {
    /// The channel's id.
    pub(crate) id: ID,
    /// Whether the channel is gone for good (it was already archived); otherwise it is archived.
    pub(crate) removed: bool,
    /// The channel as it now is (null once removed).
    pub(crate) channel: Option<Channel>,
}

#[derive(Default)]
pub(crate) struct ChannelMutation;

#[Object]
impl ChannelMutation {
    /// Creates a LiSA channel.
    async fn create_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: CreateChannelInput,
    ) -> async_graphql::Result<Channel> {
        require_operator(ctx)?;
        not_empty("name", &input.name)?;
        http_url("url", input.url.as_deref())?;
        check_slug(input.slug.as_deref())?;
        let mut body = Map::new();
        body.insert("name".into(), json!(input.name));
        input
            .slug
            .map(|slug| body.insert("slug".into(), json!(slug)));
        input
            .title
            .map(|title| body.insert("title".into(), text_map(title)));
        input.url.map(|url| body.insert("url".into(), json!(url)));
        let channel = lisa_client(ctx)?
            .create_channel(&Value::Object(body))
            .await
            .map_err(write_error)?;
        Ok(Channel(Arc::new(channel)))
    }

    /// Changes a LiSA channel, named by its global id or its slug (exactly one of them).
    async fn update_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of the channel to change.")] id: Option<ID>,
        #[graphql(desc = "Or its slug.")] slug: Option<String>,
        #[graphql(desc = "What to write.")] input: UpdateChannelInput,
    ) -> async_graphql::Result<Channel> {
        require_operator(ctx)?;
        let key = channel_key(id, slug)?;
        check_slug(input.slug.as_deref())?;
        if let Some(name) = &input.name {
            not_empty("name", name)?;
        }
        let mut body = Map::new();
        input
            .name
            .map(|name| body.insert("name".into(), json!(name)));
        input
            .slug
            .map(|slug| body.insert("slug".into(), json!(slug)));
        match input.title {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => _ = body.insert("title".into(), Value::Null),
            MaybeUndefined::Value(title) => _ = body.insert("title".into(), text_map(title)),
        }
        match input.url {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => _ = body.insert("url".into(), Value::Null),
            MaybeUndefined::Value(url) => {
                http_url("url", Some(&url))?;
                body.insert("url".into(), json!(url));
            }
        }
        let channel = lisa_client(ctx)?
            .update_channel(&key, &Value::Object(body))
            .await
            .map_err(write_error)?;
        Ok(Channel(Arc::new(channel)))
    }

    /// Deletes a LiSA channel, named by its global id or its slug (exactly one of them):
    /// archives it (restorable for 30 days), or removes it when it is already archived.
    async fn delete_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of the channel to delete.")] id: Option<ID>,
        #[graphql(desc = "Or its slug.")] slug: Option<String>,
    ) -> async_graphql::Result<ChannelDeletion> {
        require_operator(ctx)?;
        let client = lisa_client(ctx)?;
        let key = channel_key(id.clone(), slug)?;
        let (id, upstream_id) = match id {
            Some(id) => (id, key),
            // Named by its slug: the answer names the channel by its id, which the slug does
            // not give.
            None => {
                let channel = client.channel(&key).await.map_err(write_error)?;
                let id = Channel(channel.clone()).global_id().encode();
                (id, channel.id.clone())
            }
        };
        client
            .delete_channel(&upstream_id)
            .await
            .map_err(write_error)?;
        match client.channel(&upstream_id).await {
            Ok(channel) => Ok(ChannelDeletion {
                id,
                removed: false,
                channel: Some(Channel(channel)),
            }),
            Err(UpstreamError::NotFound { .. }) => Ok(ChannelDeletion {
                id,
                removed: true,
                channel: None,
            }),
            Err(error) => Err(write_error(error)),
        }
    }
}

/// LiSA's slug pattern: lower-case letters and digits in dash-separated groups.
fn check_slug(slug: Option<&str>) -> async_graphql::Result<()> {
    let Some(slug) = slug else { return Ok(()) };
    let valid = !slug.is_empty()
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if valid {
        Ok(())
    } else {
        Err(graphql_error(
            ErrorCode::BadUserInput,
            "`slug` must be lower-case letters and digits, separated by single dashes",
        ))
    }
}

/// Translations as LiSA's map of texts by locale.
fn text_map(translations: Vec<TranslationInput>) -> Value {
    Value::Object(
        translations
            .into_iter()
            .map(|t| (t.locale.to_ascii_lowercase(), Value::String(t.text)))
            .collect(),
    )
}
