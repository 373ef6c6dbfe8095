//! The committed SDL is what frontends generate types from: it must match the code.

#[test]
fn the_committed_sdl_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/schema.graphql");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let current = live_commerce_gateway::graphql::sdl();
    assert!(
        committed == current,
        "schema/schema.graphql is stale: run `cargo run -- print-schema > schema/schema.graphql` and commit it"
    );
}
