//! How resolvers report failures without losing the rest of the answer: a provider failure is an
//! error at the field's path (logged once, here), and a nullable field that fails is `null`.

use async_graphql::{Context, ErrorExtensions};

use futures::future::join_all;

use crate::providers::UpstreamError;

/// Adds a provider failure to the response at the current field's path, and logs it.
pub(crate) fn report_upstream(ctx: &Context<'_>, error: &UpstreamError) {
    tracing::warn!(
        provider = error.provider().as_str(),
        code = error.code().as_str(),
        upstream_status = error.upstream_status(),
        detail = error.detail(),
        "provider failure answered as a partial result"
    );
    ctx.add_error(ctx.set_error_path(error.extend().into_server_error(ctx.item.pos)));
}

/// Adds each of these provider failures to the response, as [`report_upstream`] does.
pub(crate) fn report_each(ctx: &Context<'_>, errors: &[UpstreamError]) {
    for error in errors {
        report_upstream(ctx, error);
    }
}

/// A nullable field's value: on error, `null` and the error at this field's path (returning the
/// error instead would drop the field from `data` altogether).
pub(crate) fn nullable<T>(ctx: &Context<'_>, result: async_graphql::Result<T>) -> Option<T> {
    result
        .map_err(|error| ctx.add_error(ctx.set_error_path(error.into_server_error(ctx.item.pos))))
        .ok()
}

/// Reads each of these ids at once; one that cannot be read is left out, with an error at
/// this field's path.
pub(crate) async fn read_each<T, F, Fut>(ctx: &Context<'_>, ids: &[String], read: F) -> Vec<T>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = async_graphql::Result<T>>,
{
    let mut found = Vec::with_capacity(ids.len());
    for result in join_all(ids.iter().cloned().map(read)).await {
        if let Err(error) = &result {
            tracing::warn!(error = %error.message, "an item of a list could not be read");
        }
        found.extend(nullable(ctx, result));
    }
    found
}
