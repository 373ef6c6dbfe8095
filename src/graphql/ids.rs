//! Global ids: opaque to clients, but carrying the provider, the node type and the provider's own
//! id, so `node(id:)` knows whom to ask without any lookup table.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{ErrorCode, graphql_error};
use crate::providers::Provider;

/// The node types that have global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    LiveContent,
    Video,
    Product,
    Seller,
    Channel,
    Sticker,
    Story,
}

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::LiveContent => "LiveContent",
            Self::Video => "Video",
            Self::Product => "Product",
            Self::Seller => "Seller",
            Self::Channel => "Channel",
            Self::Sticker => "Sticker",
            Self::Story => "Story",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "LiveContent" => Some(Self::LiveContent),
            "Video" => Some(Self::Video),
            "Product" => Some(Self::Product),
            "Seller" => Some(Self::Seller),
            "Channel" => Some(Self::Channel),
            "Sticker" => Some(Self::Sticker),
            "Story" => Some(Self::Story),
            _ => None,
        }
    }
}

/// A decoded global id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalId {
    pub(crate) kind: NodeKind,
    pub(crate) provider: Provider,
    pub(crate) upstream_id: String,
}

impl GlobalId {
    pub fn new(kind: NodeKind, provider: Provider, upstream_id: impl Into<String>) -> Self {
        Self {
            kind,
            provider,
            upstream_id: upstream_id.into(),
        }
    }

    pub fn encode(&self) -> ID {
        let plain = format!(
            "{}:{}:{}",
            self.kind.as_str(),
            self.provider.as_str(),
            self.upstream_id
        );
        ID(URL_SAFE_NO_PAD.encode(plain))
    }

    /// Decodes an id a client sent; anything else than an id this gateway made is `BAD_USER_INPUT`.
    /// Decodes an id that must be of `kind` (a video's id where a product's is expected is refused).
    pub(crate) fn decode_kind(id: &str, kind: NodeKind) -> async_graphql::Result<Self> {
        let decoded = Self::decode(id)?;
        if decoded.kind != kind {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                format!("this id is not a {}'s", kind.as_str()),
            ));
        }
        Ok(decoded)
    }

    /// Decodes the id of a `provider`'s `kind` that a write names: another provider's (a LiSA
    /// show's where a Caast live's is written) is refused before any call, as `BAD_USER_INPUT`.
    pub(crate) fn decode_kind_of(
        id: &str,
        kind: NodeKind,
        provider: Provider,
    ) -> async_graphql::Result<Self> {
        let decoded = Self::decode_kind(id, kind)?;
        if decoded.provider != provider {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                format!(
                    "`id` names a {} {}: only a {provider} one can be written here",
                    decoded.provider,
                    kind.as_str()
                ),
            ));
        }
        Ok(decoded)
    }

    pub(crate) fn decode(id: &str) -> async_graphql::Result<Self> {
        Self::try_decode(id).ok_or_else(|| graphql_error(ErrorCode::BadUserInput, "not a valid id"))
    }

    fn try_decode(id: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(id).ok()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.splitn(3, ':');
        let kind = NodeKind::parse(parts.next()?)?;
        let provider = match parts.next()? {
            "caast" => Provider::Caast,
            "lisa" => Provider::Lisa,
            _ => return None,
        };
        let upstream_id = parts.next().filter(|id| !id.is_empty())?;
        Some(Self::new(kind, provider, upstream_id))
    }
}

/// The provider's id in a value a client sent: a global id of `kind` from `provider`, or already
/// the provider's own id (filters and inputs accept both). A global id of anything else is
/// refused before it could reach a provider.
pub(crate) fn upstream_id(
    value: &str,
    kind: NodeKind,
    provider: Provider,
) -> async_graphql::Result<String> {
    match GlobalId::try_decode(value) {
        Some(id) if id.kind == kind && id.provider == provider => Ok(id.upstream_id),
        Some(_) => Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("this id is not a {provider} {}'s", kind.as_str()),
        )),
        None => Ok(value.to_string()),
    }
}

/// The LiSA ids of the shows a list's `liveContentId` and `liveContentIds` name together: each
/// a LiSA `LiveContent` id or LiSA's own id, repeats dropped, in the order given, at most
/// [`MAX_VALUES`](crate::graphql::arguments::bounds::MAX_VALUES).
pub(crate) fn lisa_show_ids(
    one: Option<&ID>,
    many: Option<&[ID]>,
) -> async_graphql::Result<Vec<String>> {
    let shows = (one.into_iter().chain(many.unwrap_or_default()))
        .map(|id| upstream_id(id, NodeKind::LiveContent, Provider::Lisa))
        .collect::<async_graphql::Result<Vec<_>>>()?;
    crate::graphql::arguments::bounds::distinct_values("liveContentIds", shows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_round_trips_even_with_colons_in_the_upstream_id() {
        let id = GlobalId::new(NodeKind::LiveContent, Provider::Lisa, "a:b:c");
        assert_eq!(GlobalId::decode(&id.encode()).unwrap(), id);
    }

    #[test]
    fn foreign_or_damaged_ids_are_refused() {
        for bad in ["", "xyz", "TGl2ZUNvbnRlbnQ6Zm9vOjE", "!!!"] {
            assert!(GlobalId::decode(bad).is_err(), "{bad}");
        }
    }
}
