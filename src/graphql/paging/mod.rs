//! Paging, shared by every list: Relay connections and their page-size rules (`connection`),
//! merged paging over several providers' ordered lists and its cursors (`merge`), the
//! single-provider lists built on the same machinery (`lists`), and lists answered straight from
//! a shared list of provider items (`shared_list`).

pub(crate) mod connection;
pub(crate) mod lists;
pub(crate) mod merge;
pub(crate) mod shared_list;
