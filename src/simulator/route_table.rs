//! A provider's routes as a table, one row per operation: path, [`Operation`] and
//! method route. Each row goes through the guard under its operation; rows that share a
//! path become one route with several methods.

use axum::Router;
use axum::routing::MethodRouter;

use super::guard;
use super::operation::Operation;
use super::sim::Simulator;

pub(crate) type Row = (&'static str, Operation, MethodRouter<Simulator>);

pub(crate) fn routes(sim: &Simulator, rows: impl IntoIterator<Item = Row>) -> Router<Simulator> {
    let mut paths: Vec<(&'static str, MethodRouter<Simulator>)> = Vec::new();
    for (path, op, method) in rows {
        let guarded = guard::op(sim, op, method);
        match paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, methods)) => *methods = std::mem::take(methods).merge(guarded),
            None => paths.push((path, guarded)),
        }
    }
    paths
        .into_iter()
        .fold(Router::new(), |router, (path, methods)| {
            router.route(path, methods)
        })
}
