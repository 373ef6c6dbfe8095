//! The engine's ceiling: a minimal async-graphql schema of the 50-show query's shape, its data
//! read once from the gateway's own answer and resolved from memory, served by one axum handler
//! that does what any async-graphql server does (read the JSON request, execute, write JSON).

use std::net::SocketAddr;

use async_graphql::{
    EmptyMutation, EmptySubscription, Enum, InputObject, Object, Schema, SimpleObject,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use serde::Deserialize;
use tokio::net::TcpListener;

#[derive(Clone, Copy, PartialEq, Eq, Enum)]
enum Provider {
    Caast,
    Lisa,
}

#[derive(InputObject)]
struct Filter {
    provider: Option<Provider>,
}

#[derive(SimpleObject, Deserialize)]
struct Connection {
    edges: Vec<Edge>,
}

#[derive(SimpleObject, Deserialize)]
struct Edge {
    node: Node,
}

#[derive(SimpleObject, Deserialize)]
#[graphql(rename_fields = "camelCase")]
#[serde(rename_all = "camelCase")]
struct Node {
    title: Option<String>,
    stickers: Vec<Named>,
    short_clips: Vec<Titled>,
    channel: Option<Named>,
}

#[derive(SimpleObject, Deserialize)]
struct Named {
    name: Option<String>,
}

#[derive(SimpleObject, Deserialize)]
struct Titled {
    title: Option<String>,
}

struct Query {
    live_contents: Connection,
}

#[Object]
impl Query {
    async fn live_contents(&self, first: Option<i32>, filter: Option<Filter>) -> &Connection {
        let _ = (first, filter.and_then(|f| f.provider));
        &self.live_contents
    }
}

type EngineSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Serves `answer`'s data (a `{"data":{"liveContents":…}}` body) through the minimal schema.
pub async fn serve(answer: &str) -> SocketAddr {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        live_contents: Connection,
    }
    #[derive(Deserialize)]
    struct Body {
        data: Data,
    }
    let body: Body = serde_json::from_str(answer).expect("the gateway's answer has the shape");
    let query = Query {
        live_contents: body.data.live_contents,
    };
    let schema = Schema::new(query, EmptyMutation, EmptySubscription);
    let app = axum::Router::new()
        .route("/graphql", axum::routing::post(execute))
        .with_state(schema);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

async fn execute(
    State(schema): State<EngineSchema>,
    body: Bytes,
) -> impl axum::response::IntoResponse {
    let request: async_graphql::Request = serde_json::from_slice(&body).expect("a GraphQL request");
    let response = schema.execute(request).await;
    let body = serde_json::to_vec(&response).expect("responses serialise");
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
}
