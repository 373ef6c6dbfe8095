//! The gateway's memory allocator: mimalloc instead of the system's. Executing an operation
//! allocates and frees many small values (async-graphql's values and futures, the answer's
//! objects), and with glibc's allocator malloc and free were the largest part of a CPU profile
//! of the executed path. `docs/architecture.md` (execution) records the benchmark with and
//! without.
//! Declared in the library, so the binary, the benches and the tests all run on it. It comes
//! with the `mimalloc` feature, on by default; without it (`--no-default-features`) the
//! system's allocator serves, for the benchmark's comparison.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
