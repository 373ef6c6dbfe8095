//! GraphiQL's files. The third-party ones (React, ReactDOM, GraphiQL 4 and the graphql-ws
//! client, as UMD builds) come from the npm registry: `npm ci` in `web/graphiql` installs them,
//! and the gateway reads them once at start from that `node_modules` (or the folder
//! `GATEWAY_GRAPHIQL_ASSETS` names). The gateway's own page script and style are built in.
//!
//! Every file is served under a path holding a digest of all of them, so browsers may keep
//! them for good: an upgrade changes the path. With no local files the page loads the
//! third-party ones from the public CDN instead, each pinned by its Subresource Integrity hash.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use sha2::{Digest, Sha256};

/// One third-party file: its name in URLs, where `npm ci` puts it, and its CDN twin.
pub(crate) struct ThirdParty {
    pub(crate) name: &'static str,
    /// Its path under `node_modules`.
    pub(crate) installed_at: &'static str,
    /// The same file on unpkg.com, at the version `web/graphiql/package.json` pins.
    pub(crate) cdn_url: &'static str,
    /// `sha384-…` of the file (the npm package's bytes, which unpkg serves).
    pub(crate) integrity: &'static str,
}

pub(crate) const THIRD_PARTY: [ThirdParty; 5] = [
    ThirdParty {
        name: "react.production.min.js",
        installed_at: "react/umd/react.production.min.js",
        cdn_url: "https://unpkg.com/react@18.3.1/umd/react.production.min.js",
        integrity: "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z",
    },
    ThirdParty {
        name: "react-dom.production.min.js",
        installed_at: "react-dom/umd/react-dom.production.min.js",
        cdn_url: "https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js",
        integrity: "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1",
    },
    ThirdParty {
        name: "graphiql.min.js",
        installed_at: "graphiql/graphiql.min.js",
        cdn_url: "https://unpkg.com/graphiql@4.1.2/graphiql.min.js",
        integrity: "sha384-9XdHu7ajgGJziD4J1zNBKQ842Q/+zZfDv+ib1eMhZWBH6hPAs806x+Jbcf0yNO6B",
    },
    ThirdParty {
        name: "graphiql.min.css",
        installed_at: "graphiql/graphiql.min.css",
        cdn_url: "https://unpkg.com/graphiql@4.1.2/graphiql.min.css",
        integrity: "sha384-1el1QShFBnnXTx9x/Cprg82hZWKt0ry29OAYIXt05swbi0KcZDFoj0CWguMpopJr",
    },
    ThirdParty {
        name: "graphql-ws.min.js",
        installed_at: "graphql-ws/umd/graphql-ws.min.js",
        cdn_url: "https://unpkg.com/graphql-ws@6.4.2/umd/graphql-ws.min.js",
        integrity: "sha384-mxvR4Mzbsb6QVx/9xI2gtQikQA6m8zMDBFnu3l//4/ROsWt7y2sUGWd+/tYQqDm7",
    },
];

/// The CDN the fallback loads from (the page's CSP allows it only then).
pub(crate) const CDN_ORIGIN: &str = "https://unpkg.com";

/// The gateway's own files, built in.
const OWN: [(&str, &str); 2] = [
    ("app.js", include_str!("../../../web/graphiql/src/app.js")),
    ("app.css", include_str!("../../../web/graphiql/src/app.css")),
];

/// The files the page loads, and where from.
pub(crate) struct Assets {
    /// Served files by name.
    files: HashMap<&'static str, Bytes>,
    /// The digest of every served file: the version in their paths.
    pub(crate) version: String,
    /// The third-party files are served locally (else they come from the CDN).
    pub(crate) local: bool,
}

impl Assets {
    /// Reads the third-party files from `node_modules`; `None` (or a folder missing any of
    /// them) means the CDN.
    pub(crate) fn load(node_modules: Option<&Path>) -> Self {
        let third_party = node_modules.and_then(|dir| read_third_party(dir).ok());
        let local = third_party.is_some();
        let own = OWN.map(|(name, text)| (name, Bytes::from_static(text.as_bytes())));
        let files: HashMap<&'static str, Bytes> = own
            .into_iter()
            .chain(third_party.into_iter().flatten())
            .collect();
        let mut names: Vec<&&str> = files.keys().collect();
        names.sort();
        let mut digest = Sha256::new();
        for name in names {
            digest.update(name.as_bytes());
            digest.update(&files[*name]);
        }
        let version = digest.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Self {
            files,
            version,
            local,
        }
    }

    /// A served file, when `version` is the current one.
    pub(crate) fn get(&self, version: &str, name: &str) -> Option<Bytes> {
        (version == self.version).then(|| self.files.get(name).cloned())?
    }

    /// Where the page finds `name`.
    pub(crate) fn url(&self, name: &str) -> String {
        format!("/graphiql/assets/{}/{name}", self.version)
    }
}

/// The third-party files missing from `node_modules` (all there: empty).
pub(crate) fn missing(node_modules: &Path) -> Vec<PathBuf> {
    THIRD_PARTY
        .iter()
        .map(|file| node_modules.join(file.installed_at))
        .filter(|path| !path.is_file())
        .collect()
}

fn read_third_party(node_modules: &Path) -> std::io::Result<Vec<(&'static str, Bytes)>> {
    THIRD_PARTY
        .iter()
        .map(|file| {
            let bytes = std::fs::read(node_modules.join(file.installed_at))?;
            Ok((file.name, Bytes::from(bytes)))
        })
        .collect()
}

/// The content type of a served file, by its extension.
pub(crate) fn content_type(name: &str) -> &'static str {
    if name.ends_with(".css") {
        "text/css; charset=utf-8"
    } else {
        "text/javascript; charset=utf-8"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use sha2::Sha384;

    /// When `npm ci` has run, the pinned hashes and versions are those of the installed files.
    #[test]
    fn the_cdn_pins_match_the_installed_packages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("web/graphiql");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("package.json")).unwrap())
                .unwrap();
        for file in &THIRD_PARTY {
            let package = file.installed_at.split('/').next().unwrap();
            let version = manifest["dependencies"][package].as_str().unwrap();
            let pinned = format!("{CDN_ORIGIN}/{package}@{version}/");
            assert!(
                file.cdn_url.starts_with(&pinned),
                "{} vs {pinned}",
                file.cdn_url
            );
            let Ok(bytes) = std::fs::read(root.join("node_modules").join(file.installed_at)) else {
                continue;
            };
            let digest = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
            assert_eq!(file.integrity, format!("sha384-{digest}"), "{}", file.name);
        }
    }

    #[test]
    fn files_are_served_under_the_current_version_only() {
        let dir = std::env::temp_dir().join(format!("graphiql-assets-{}", std::process::id()));
        for file in &THIRD_PARTY {
            let path = dir.join(file.installed_at);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file.name).unwrap();
        }
        let local = Assets::load(Some(&dir));
        assert!(local.local && missing(&dir).is_empty());
        let served = local.get(&local.version, "graphiql.min.js").unwrap();
        assert_eq!(served, "graphiql.min.js");
        assert!(local.get("0000", "graphiql.min.js").is_none());
        assert!(local.get(&local.version, "../Cargo.toml").is_none());
        std::fs::remove_file(dir.join(THIRD_PARTY[0].installed_at)).unwrap();
        let cdn = Assets::load(Some(&dir));
        assert!(!cdn.local, "a missing file means the CDN");
        assert!(cdn.get(&cdn.version, "app.js").is_some());
        assert!(cdn.get(&cdn.version, "graphiql.min.js").is_none());
        assert_ne!(cdn.version, local.version);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
