//! Operation names come from clients: a label per name would let any client grow the metrics
//! without bound. The first names seen keep their own label; later ones share `other`.

use std::collections::HashSet;
use std::sync::Mutex;

/// Distinct operation names given their own label.
const MAX_NAMES: usize = 200;

#[derive(Debug, Default)]
pub(crate) struct BoundedNames {
    known: Mutex<HashSet<String>>,
}

impl BoundedNames {
    /// The label for an operation name: itself while there is room, `anonymous` for none.
    pub(crate) fn label(&self, name: Option<&str>) -> String {
        let Some(name) = name else {
            return "anonymous".into();
        };
        let mut known = self.known.lock().expect("never poisoned");
        if known.contains(name) || known.len() < MAX_NAMES && known.insert(name.to_string()) {
            name.to_string()
        } else {
            "other".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_past_the_bound_share_one_label() {
        let names = BoundedNames::default();
        for n in 0..MAX_NAMES {
            assert_eq!(names.label(Some(&format!("Op{n}"))), format!("Op{n}"));
        }
        assert_eq!(names.label(Some("OneTooMany")), "other");
        assert_eq!(
            names.label(Some("Op7")),
            "Op7",
            "a known name keeps its label"
        );
        assert_eq!(names.label(None), "anonymous");
    }
}
