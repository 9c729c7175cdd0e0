//! The JSON `handover show` prints (a public contract).
