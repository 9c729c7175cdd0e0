//! The demo floor's week of handover logs (docs/design/handover.md §9).
