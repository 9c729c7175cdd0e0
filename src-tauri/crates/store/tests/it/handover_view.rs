//! handover_view
