//! Where a key's raw text comes from: the environment first, then the TOML file, then the
//! default. Keeping the origin lets every error name the key exactly as the operator wrote it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ConfigError;
use super::keys::{self, Key};

/// The raw text of one key and where it came from.
pub(crate) struct Raw {
    pub(crate) text: String,
    pub(crate) origin: String,
}

/// The environment (only the keys we know) and the flattened TOML file.
pub(crate) struct Sources {
    env: HashMap<String, String>,
    file: HashMap<String, String>,
    file_path: Option<PathBuf>,
}

impl Sources {
    /// Reads the TOML file named by `GATEWAY_CONFIG`, if any, and rejects keys it does not know.
    pub(crate) fn new(env: HashMap<String, String>) -> Result<Self, ConfigError> {
        let file_path = env
            .get(keys::CONFIG.env)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        let file = match &file_path {
            Some(path) => read_toml(path)?,
            None => HashMap::new(),
        };
        Ok(Self {
            env,
            file,
            file_path,
        })
    }

    /// The key's value, or `None` when neither the environment nor the file sets it.
    pub(crate) fn get(&self, key: &Key) -> Option<Raw> {
        // An empty variable (`FOO=` in a compose file) means "not set here", not "empty".
        if let Some(text) = self.env.get(key.env).filter(|text| !text.trim().is_empty()) {
            return Some(Raw {
                text: text.clone(),
                origin: key.env.to_string(),
            });
        }
        let text = self.file.get(key.toml)?;
        let file = self.file_path.as_deref().map(Path::display);
        Some(Raw {
            text: text.clone(),
            origin: format!(
                "`{}` in {}",
                key.toml,
                file.map(|f| f.to_string()).unwrap_or_default()
            ),
        })
    }
}

fn read_toml(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            keys::CONFIG.env,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        ConfigError::new(
            keys::CONFIG.env,
            format!("{} is not valid TOML: {}", path.display(), e.message()),
        )
    })?;
    let mut flat = HashMap::new();
    flatten("", &table, &mut flat);
    for name in flat.keys() {
        if !keys::ALL
            .iter()
            .any(|k| !k.toml.is_empty() && k.toml == name)
        {
            return Err(ConfigError::new(
                name,
                format!("unknown key in {}", path.display()),
            ));
        }
    }
    Ok(flat)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (name, value) in table {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::Table(inner) => flatten(&path, inner, out),
            toml::Value::String(s) => {
                out.insert(path, s.clone());
            }
            other => {
                out.insert(path, other.to_string());
            }
        }
    }
}
