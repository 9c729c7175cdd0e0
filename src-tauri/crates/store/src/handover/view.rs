//! One log as the handover page shows it (docs/design/handover.md §5.1 `HandoverLogView`).
