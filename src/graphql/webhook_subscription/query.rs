//! The webhook queries (LiSA, operators only): the subscriptions, one subscription, one event.

use async_graphql::{Context, ErrorExtensions, ID, Json, Object};

use crate::graphql::date_time::Rfc3339;
use crate::graphql::paging::connection::{WebhookSubscriptionConnection, page_cost};
use crate::graphql::paging::lists::{LISA_PAGE, lisa_pages, single_list};
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::webhook_subscription::{WebhookEvent, WebhookSubscription};

#[derive(Default)]
pub(crate) struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// LiSA's webhook subscriptions (operator only).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn webhook_subscriptions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<WebhookSubscriptionConnection> {
        require_operator(ctx)?;
        let client = lisa_client(ctx)?;
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| async move {
                client.webhook_subscriptions(cursor.as_deref(), limit).await
            },
            None::<fn() -> std::future::Ready<Result<u64, crate::providers::UpstreamError>>>,
        );
        single_list(
            ctx,
            source,
            "webhookSubscriptions".into(),
            first,
            after,
            |s| WebhookSubscription::from(&*s),
        )
        .await
    }

    /// One of LiSA's webhook subscriptions, by its id (operator only).
    async fn webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id (a UUID).")] id: ID,
    ) -> Option<WebhookSubscription> {
        let loaded = async {
            require_operator(ctx)?;
            lisa_client(ctx)?
                .webhook_subscription(&id)
                .await
                .map(|s| WebhookSubscription::from(&*s))
                .map_err(|e| e.extend())
        };
        nullable(ctx, loaded.await)
    }

    /// A webhook event LiSA sent, by its id (operator only).
    async fn webhook_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's id (a UUID).")] id: ID,
    ) -> Option<WebhookEvent> {
        let loaded = async {
            require_operator(ctx)?;
            let event = lisa_client(ctx)?
                .webhook_event(&id)
                .await
                .map_err(|e| e.extend())?;
            Ok(WebhookEvent {
                id: ID(event.id.clone()),
                event_type: event.event_type.clone(),
                event_date: event.event_date.map(Rfc3339),
                data: event.data.clone().map(Json),
                changes: event.changes.clone().map(Json),
            })
        };
        nullable(ctx, loaded.await)
    }
}
