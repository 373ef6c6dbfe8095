//! What every resolver uses, whatever its domain: who is calling (`auth`), the operation's
//! provider clients (`clients`), how provider failures become GraphQL errors without losing the
//! rest of the answer (`upstream_errors`, `field_errors`), and fields resolved in a boxed future
//! of their own (`boxed_output`).

pub(crate) mod auth;
pub(crate) mod boxed_output;
pub(crate) mod clients;
pub(crate) mod field_errors;
pub(crate) mod upstream_errors;
