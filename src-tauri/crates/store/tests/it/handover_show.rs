//! handover_show
