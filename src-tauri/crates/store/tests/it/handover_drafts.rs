//! handover_drafts
