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

/// Every type, field, argument, input field and enum value of the schema (but the built-in scalars and the
/// introspection types) has a description: the SDL is the frontend teams' documentation.
#[tokio::test]
async fn every_type_and_field_has_a_description() {
    let events = live_commerce_gateway::events::Events::default();
    let limits = live_commerce_gateway::config::Config::load(Default::default())
        .unwrap()
        .limits;
    let schema = live_commerce_gateway::graphql::build_schema(events, &limits);
    let query = "{ __schema { types { name description fields { name description args { name description } } inputFields { name description } enumValues { name description } } } }";
    let answer = schema
        .execute(query)
        .await
        .into_result()
        .expect("introspection answers");
    let answer = answer.data.into_json().unwrap();
    let builtin = ["String", "Int", "Float", "Boolean", "ID"];
    let mut missing = Vec::new();
    for ty in answer["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if name.starts_with("__") || builtin.contains(&name) {
            continue;
        }
        if ty["description"].as_str().is_none_or(str::is_empty) {
            missing.push(name.to_string());
        }
        for kind in ["fields", "inputFields", "enumValues"] {
            for field in ty[kind].as_array().into_iter().flatten() {
                let field_name = field["name"].as_str().unwrap();
                if field["description"].as_str().is_none_or(str::is_empty) {
                    missing.push(format!("{name}.{field_name}"));
                }
                for arg in field["args"].as_array().into_iter().flatten() {
                    if arg["description"].as_str().is_none_or(str::is_empty) {
                        missing.push(format!(
                            "{name}.{field_name}({})",
                            arg["name"].as_str().unwrap()
                        ));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "described nowhere: {missing:?}");
}
