//! Drafts of what a lead is typing, saved as they type (docs/design/handover.md §8.3).
