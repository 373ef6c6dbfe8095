//! Errors worded as graphql-js words them, since clients and their tooling show them as they
//! come: a syntax error says what was expected and what was found, with its place; a variable
//! with a bad value is named, with the value it got (`BAD_USER_INPUT`).

use serde_json::{Value, json};

use crate::helpers::TestGateway;

async fn errors_of(gateway: &TestGateway, query: &str, variables: Value) -> Value {
    let body = json!({ "query": query, "variables": variables });
    let response = gateway.post(&body).await;
    let answer: Value = response.json().await.unwrap();
    answer["errors"].clone()
}

#[tokio::test]
async fn a_syntax_error_reads_like_graphql_js_with_its_location() {
    let gateway = TestGateway::builder().start().await;
    let errors = errors_of(&gateway, "{ liveContents(first: 1) {", json!({})).await;
    assert_eq!(
        errors[0]["message"],
        "Syntax Error: Expected Name, found <EOF>."
    );
    assert_eq!(errors[0]["locations"], json!([{ "line": 1, "column": 27 }]));
    assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED");

    let errors = errors_of_stray(&gateway).await;
    assert_eq!(errors[0]["message"], "Syntax Error: Unexpected \"}\".");
    assert_eq!(errors[0]["locations"], json!([{ "line": 2, "column": 1 }]));
}

async fn errors_of_stray(gateway: &TestGateway) -> Value {
    errors_of(
        gateway,
        "{ sellers(first: 1) { totalCount } }\n}",
        json!({}),
    )
    .await
}

#[tokio::test]
async fn a_variable_with_a_bad_value_is_named_with_the_value_it_got() {
    let gateway = TestGateway::builder().start().await;
    let query = "query Page($size: Int) { sellers(first: $size) { totalCount } }";
    let errors = errors_of(&gateway, query, json!({ "size": "ten" })).await;
    assert_eq!(
        errors[0]["message"],
        "Variable \"$size\" got invalid value \"ten\"; expected type \"Int\""
    );
    assert_eq!(errors[0]["extensions"]["code"], "BAD_USER_INPUT");

    let query = "query($filter: LiveContentFilter) { liveContents(first: 1, filter: $filter) { totalCount } }";
    let filter = json!({ "filter": { "provider": "NEITHER" } });
    let errors = errors_of(&gateway, query, filter).await;
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "Variable \"$filter\" got invalid value \"NEITHER\" at \"filter.provider\"; "
        ),
        "{message}"
    );
    assert_eq!(errors[0]["extensions"]["code"], "BAD_USER_INPUT");

    let inline = "{ sellers(first: \"ten\") { totalCount } }";
    let errors = errors_of(&gateway, inline, json!({})).await;
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid value for argument"),
        "{message}"
    );
    assert_eq!(errors[0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
}
