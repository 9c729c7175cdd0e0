//! handover_reminders
