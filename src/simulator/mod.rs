//! The embedded Caast + LiSA simulator (being written).
