//! `handover show`: a team's day of logs as the CLI's JSON contract names them (issue 13 §12;
//! docs/design/handover.md §7.1).
