//! `handover show` and `handover export` through the binary.
