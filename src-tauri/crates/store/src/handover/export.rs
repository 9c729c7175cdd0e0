//! `handover export`: a date range of logs to xlsx, one row per item per log (issue 13 §12;
//! docs/design/handover.md §7.2).
