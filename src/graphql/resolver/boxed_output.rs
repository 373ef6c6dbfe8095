//! A field value resolved in a boxed future of its own. async-graphql allocates, for each field
//! it resolves, a future as large as the largest field of that field's object, and a field's
//! future holds the resolution of its value (a connection's is several hundred bytes). A rarely
//! selected field whose value is large to resolve returns `Boxed<T>`, so the object's common
//! fields (`title`, `stickers`…) stay small. To clients it is `T` itself.

use std::borrow::Cow;

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};

pub(crate) struct Boxed<T>(pub T);

impl<T: OutputType> OutputType for Boxed<T> {
    fn type_name() -> Cow<'static, str> {
        T::type_name()
    }

    fn qualified_type_name() -> String {
        T::qualified_type_name()
    }

    fn introspection_type_name(&self) -> Cow<'static, str> {
        self.0.introspection_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        T::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        Box::pin(self.0.resolve(ctx, field)).await
    }
}
