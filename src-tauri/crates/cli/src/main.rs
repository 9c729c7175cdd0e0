//! `floordesk-cli`: FloorDesk without a window, over the same database file, for admins,
//! scripts and tests. Exit codes: 0 success, 2 bad data (nothing written), 1 anything else.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand};
use floordesk_domain::ErrorCode;

mod alerts_out;
mod commission_cmd;
mod complaints_cmd;
mod handover_out;
mod incidents_cmd;
mod incidents_out;
mod roster_out;
mod scores_cmd;
mod scores_out;

use alerts_out::print_alerts;
use floordesk_store::floor::EventSource;
use floordesk_store::import::events::read_events;
use floordesk_store::site::{DEFAULT_TIME_ZONE, SiteInput};
use floordesk_store::{Actor, Store, StoreError};
use handover_out::print_show;
use roster_out::print_violations;

#[derive(Parser)]
#[command(
    name = "floordesk-cli",
    version,
    about = "FloorDesk (现场台) from the command line"
)]
struct Cli {
    /// The database file (default: FLOORDESK_DB, else the app's file in the OS data folder).
    #[arg(long, global = true, env = "FLOORDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database and the site if they do not exist yet (safe to run again).
    Init {
        #[arg(long, default_value = "客服中心")]
        name: String,
        #[arg(long, default_value = DEFAULT_TIME_ZONE)]
        time_zone: String,
    },
    /// Import a file, all rows or none.
    #[command(subcommand)]
    Import(ImportKind),
    /// Export to a spreadsheet.
    #[command(subcommand)]
    Export(ExportKind),
    /// Write a consistent copy of the database to FILE.
    Backup { file: PathBuf },
    /// Replace the database with the backup FILE (the replaced data is kept beside it).
    Restore { file: PathBuf },
    /// Load the demo floor as it is at an instant: yesterday's and today's shifts around the
    /// clock and the floor's history up to then (default: now; --date D means D at 10:30 site
    /// time).
    Demo {
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "now")]
        date: Option<NaiveDate>,
        /// The instant the history runs up to, RFC 3339 with an offset.
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
    },
    /// Append state events from a JSON Lines file, all or nothing.
    Ingest { file: PathBuf },
    /// Judge the events in a JSON Lines file against the stored agents, shifts and the policy in
    /// force now, writing nothing; print the alerts as JSON Lines.
    Replay {
        file: PathBuf,
        /// Evaluate timers up to and including this instant (default: the last event's).
        #[arg(long, value_name = "RFC3339")]
        until: Option<String>,
    },
    /// Show or change policy settings (a change is in force from now on).
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Rosters: check a month against the rules.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// The month's attendance (考勤) to .xlsx: 日期,工号,姓名,班次,状态,迟到分钟,早退分钟, one row
    /// per agent and date judged so far (shift, rest day or leave).
    Attendance {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        file: PathBuf,
    },
    /// Print the stored alerts of a day (by shift date) as JSON Lines.
    Alerts {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
    },
    /// Handover records (交接班): a team's day as JSON, a date range to a spreadsheet.
    #[command(subcommand)]
    Handover(HandoverCommand),
    /// Recompute every seal chain (handover signatures and addenda) and SQLite's integrity
    /// check: exit 0 with one line when all holds, exit 2 with one line per broken record.
    Verify,
    /// Assessment templates (考核模板): import them, assign them to a team, level or role.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Assessment scores (绩效考核): import, report, publish and export a month.
    #[command(subcommand)]
    Scores(ScoresCommand),
    /// Incidents (违规与奖惩): import incidents already decided.
    #[command(subcommand)]
    Incidents(IncidentsCommand),
    /// Print a month's ledger (奖惩台账) as JSON Lines, one per action, sorted by ts, offender,
    /// step, co-penalties last: employee_no, rule, offence_no (null on an equipment split),
    /// action, kind (penalty|reward|compensation), amount_fen (never negative), percent (only on
    /// pay_percent), ts (RFC 3339, site offset), and co_penalty_of only on co-penalty lines.
    Ledger {
        /// The month, by the incidents' site-local dates.
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// Include voided and replaced records' lines, marked "voided": true.
        #[arg(long)]
        all: bool,
    },
    /// A month's commission (提成) as JSON Lines, one per agent with a reception or sales in the
    /// month (receptions by their first message's site-local date, sales by the payment's),
    /// sorted by employee_no: employee_no, valid_receptions, sales_fen, tier_rate_pct (the
    /// after-sales rate on an after-sales team), coefficient (the grade's; null on an
    /// after-sales team), commission_fen (rounded half up once, at the end).
    Commission {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// The month's pay sheet (工资表) to .xlsx: 工号,姓名,班组,基本工资,提成,奖励,罚款,应发 in yuan.
    Pay {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        file: PathBuf,
    },
    /// The rule book (违规目录) as JSON, to carry to another site.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Customer complaints (投诉): import closed ones, list agents flagged for reassignment.
    #[command(subcommand)]
    Complaints(ComplaintsCommand),
}

#[derive(Subcommand)]
enum ComplaintsCommand {
    /// Historical, closed complaints from .csv (UTF-8 or GBK) or .xlsx, all or nothing:
    /// ts, employee_no, customer, channel, order_no, content, valid, severity, cause
    /// (时间,工号,客户,渠道,订单号,内容,有理,严重程度,原因). ts is RFC 3339 with an offset or
    /// YYYY-MM-DD HH:MM in site time; valid true/false/1/0/是/否; severity 1–5, required when
    /// valid; cause a cause code or its Chinese name. Valid rows book valid_complaint through
    /// the ladder like `incidents import`.
    Import { file: PathBuf },
    /// Agents flagged for reassignment now (complaint_reassign_count valid complaints within
    /// complaint_reassign_days), as JSON Lines sorted by employee_no: employee_no, valid_count,
    /// since (the first counted complaint's date, YYYY-MM-DD).
    Flags,
}

#[derive(Subcommand)]
enum IncidentsCommand {
    /// Incidents from .csv (UTF-8 or GBK) or .xlsx, each confirmed at the penalty the ladder
    /// proposes, all or nothing: ts, employee_no, rule_code, severity, quantity, note, and
    /// optional co_employee_no, item, team (时间,工号,规则代码,严重程度,数量,备注,连带人工号,设备,
    /// 班组). ts is RFC 3339 with an offset or YYYY-MM-DD HH:MM in site time; severity 1–5 only
    /// for ranged fines; quantity (default 1) only on rules priced per unit; item the equipment
    /// (code or name) of equipment_damage, split across the team on shift when employee_no is
    /// empty and team given. A row repeating a stored incident or renumbering a confirmed
    /// offence exits 2.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Write every rule in force (newest versions, not retired) to FILE as JSON.
    Export { file: PathBuf },
    /// Read a rule book FILE written by `rules export`: new codes are added, a known code whose
    /// rule differs becomes a new version from today, all or nothing.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Templates from .csv or .xlsx, one row per item: template, group, item, max_points, and
    /// optional roles (self|superior|peer, default all) and cycle (monthly|quarterly)
    /// (模板,分组,考核项目,分值,评分角色,周期). Each template's items add up to 100 points; a
    /// known template is changed.
    Import { file: PathBuf },
    /// Assess a team, a level or a role on TEMPLATE (a role's template wins over a level's, a
    /// level's over a team's), replacing what that target had.
    Assign {
        template: String,
        #[command(flatten)]
        target: AssignTo,
    },
    /// Create the built-in templates that are missing, assigned where nothing is assigned yet.
    Seed,
}

/// Exactly one of `--team`, `--level`, `--role`.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
struct AssignTo {
    /// The team's name.
    #[arg(long)]
    team: Option<String>,
    /// junior|intermediate|senior|lead|supervisor (初级/中级/高级/班长/主管).
    #[arg(long)]
    level: Option<String>,
    /// supervisor|team_lead|manager|agent (主管/班长/经理/坐席).
    #[arg(long)]
    role: Option<String>,
}

#[derive(Subcommand)]
enum ScoresCommand {
    /// Scores from .csv or .xlsx, one row per item scored: month, employee_no, rater_role
    /// (self|superior|peer), rater (a 工号), item, score (月份,工号,评分角色,评分人,考核项目,得分).
    /// A rater's sheet in the file replaces what they had entered; any month but a published one.
    Import { file: PathBuf },
    /// Print the month's results as JSON Lines sorted by employee_no, one per person assessed:
    /// employee_no, self, superior, peer, composite, grade, rank, team_rank, complete, exception.
    Report {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// Print the quarter's ranking as JSON Lines sorted by rank then employee_no, one per person
    /// with three complete months, ranked among those on the same template: employee_no,
    /// mean_composite, rank, reward_fen (0 below the top three). Books nothing.
    Quarter {
        #[arg(long, value_name = "YYYYQn")]
        quarter: String,
    },
    /// Publish the month: exit 2 naming the 工号 of everyone not fully rated (nor excepted). The
    /// quarter's last month also books its top three's rewards in the ledger.
    Publish {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// Write the month's results and every score to .xlsx (结果, 原始评分).
    Export {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportKind {
    /// Agents from .csv (UTF-8 or GBK) or .xlsx: 工号/employee_no, 姓名/name, 班组/team,
    /// 职级/level, 台席/seat, 入职日期/hired_on.
    Agents { file: PathBuf },
    /// The holiday calendar from .csv or .xlsx: date, kind (holiday|workday), name.
    Holidays { file: PathBuf },
    /// Shift assignments from .csv: date, employee_no, start, end (local HH:MM; an end before
    /// the start crosses midnight). The rows of one agent and date make that date's roster cell.
    Shifts {
        file: PathBuf,
        /// Why a published month changes (required when the file touches one).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Shift templates from .csv or .xlsx: code, name, start, end, and optional night
    /// (代码,名称,开始,结束,夜班; night is true/false/1/0/是/否). A known code is updated.
    ShiftTemplates { file: PathBuf },
    /// Leave already agreed, imported as approved: employee_no, from, to, type, half_day
    /// (工号,开始日期,结束日期,类型,半天); type sick|personal|annual|in_lieu|other (病假/事假/年假/调休/其他).
    Leave { file: PathBuf },
    /// Agents needed per half hour from .csv or .xlsx: team, weekday, from, to, agents
    /// (班组,星期,开始,结束,人数); weekday 1–7 = Monday–Sunday or holiday (节假日); times on the half
    /// hour, 24:00 ends the day. Each team and weekday in the file replaces its requirement.
    Requirement { file: PathBuf },
    /// A chat log from .csv (UTF-8 or GBK): ts, buyer, employee_no, sender (时间,买家,工号,发送方).
    /// ts is RFC 3339 with an offset or YYYY-MM-DD HH:MM:SS in site time; sender buyer|agent
    /// (买家/客服). Messages already stored are skipped, counted (k identical rows add k minus
    /// those stored), so an overlapping export imports again safely; the receptions of every
    /// buyer with new messages are rebuilt.
    Chats { file: PathBuf },
    /// Paid orders from .csv or .xlsx: order_no, buyer, paid_at, amount (订单号,买家,付款时间,金额);
    /// paid_at like a chat's ts, amount in yuan with at most two decimals. A stored order_no is
    /// replaced; the buyers of every order added or changed are rebuilt.
    Orders { file: PathBuf },
    /// Daily totals per agent from .csv or .xlsx: employee_no, date, receptions,
    /// valid_receptions, sales (工号,日期,接待人数,有效接待,销售额); sales in yuan. A stored agent
    /// and date is replaced.
    Sales { file: PathBuf },
    /// A roster from .csv or .xlsx: the long form date,employee_no,shift (日期,工号,班次), or the
    /// grid form 工号, optional 姓名, then a column per day (2026-11-01, or 1–31 with --month).
    /// 休 or R is a rest day; an empty cell clears the cell.
    Roster {
        file: PathBuf,
        /// The month grid columns headed 1–31 belong to.
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// Why a published month changes (required when the file touches one).
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Subcommand)]
enum RosterCommand {
    /// Print the month's rule violations as JSON Lines sorted by date, employee_no, rule
    /// (exit 0 even when there are some).
    Check {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
    },
    /// Publish a team's month: exit 2 listing the violations (JSON Lines on stdout) unless there
    /// are none or an override reason is given.
    Publish {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// The team's name.
        #[arg(long)]
        team: String,
        #[arg(long)]
        override_reason: Option<String>,
    },
    /// Fill a team's month as draft cells from its requirement (pinned cells, leave and the days
    /// already judged kept; a published month exits 2) and print JSON Lines sorted by date and
    /// from, one per half hour left uncovered: {"team","date","from","to","needed","rostered"}.
    Generate {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// The team's name.
        #[arg(long)]
        team: String,
        /// Another seed gives another roster of the same quality.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum HandoverCommand {
    /// Print a team's logs of a day as a JSON array by shift start ([] when none): for a signed
    /// log what its first signature froze, who signed and when, and its addenda.
    Show {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
        /// The team's name.
        #[arg(long)]
        team: String,
    },
    /// Write the logs of shifts dated FROM–TO to .xlsx, one row per item per log:
    /// 日期,班组,班次,交班班长,接班班长,签字时间,类型,事项,状态,已开班次,结果.
    Export {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: NaiveDate,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Every setting with its value in force now: key, value, unit, range, label.
    List,
    /// Put VALUE in force for KEY from now on.
    Set { key: String, value: i64 },
}

#[derive(Subcommand)]
enum ExportKind {
    /// All agents to an .xlsx file.
    Agents { file: PathBuf },
    /// A month's roster to .xlsx: 日期,工号,姓名,班组,班次, or with --grid a row per agent.
    Roster {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        file: PathBuf,
        #[arg(long)]
        grid: bool,
    },
}

// The CLI acts at the system clock: its entry point reads it once and passes it on.
/// The id of the team called `name`.
fn team_named(store: &Store, name: &str) -> Result<i64, StoreError> {
    store
        .list_teams()?
        .into_iter()
        .find(|t| t.name == name.trim())
        .map(|t| t.id)
        .ok_or_else(|| {
            floordesk_store::Problem::new(ErrorCode::NotFound, format!("no team is called {name}"))
                .with("entity", "team")
                .with("id", name)
                .into()
        })
}

#[allow(clippy::disallowed_methods)]
fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FLOORDESK_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // Help and --version are successes; every usage error is 1 (clap's default is 2,
            // which here means bad data).
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Event files are JSON Lines: their problems name lines, a spreadsheet's name rows.
    let noun = match cli.command {
        Command::Ingest { .. } | Command::Replay { .. } => "line",
        _ => "row",
    };
    if matches!(cli.command, Command::Verify) {
        return verify(cli.db);
    }
    match run(cli, Utc::now()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, noun);
            ExitCode::from(if e.is_bad_data() { 2 } else { 1 })
        }
    }
}

/// `verify`: its own exit codes (2 when a record does not hold), not a command's error.
fn verify(db: Option<PathBuf>) -> ExitCode {
    let db = db.unwrap_or_else(floordesk_store::default_db_path);
    let report = match Store::open(&db).and_then(|store| store.verify()) {
        Ok(report) => report,
        Err(e) => {
            report(&e, "row");
            return ExitCode::from(1);
        }
    };
    if report.is_clean() {
        println!(
            "verify: ok ({} handover signatures, {} addenda, {} ledger records, integrity ok)",
            report.signatures, report.addenda, report.ledger_records
        );
        return ExitCode::SUCCESS;
    }
    for line in &report.problems {
        eprintln!("{line}");
    }
    ExitCode::from(2)
}

fn report(e: &StoreError, noun: &str) {
    match e {
        StoreError::Import { file, issues } => {
            eprintln!(
                "error: {file}: {} problem(s); nothing was written",
                issues.len()
            );
            for i in issues {
                eprintln!(
                    "  {file}: {noun} {}, field {}: {}",
                    i.row, i.field, i.message
                );
            }
        }
        other => eprintln!("error: {other}"),
    }
}

/// `--month YYYY-MM`.
fn parse_month(text: &str) -> Result<(i32, u32), StoreError> {
    floordesk_store::roster::parse_month(text).ok_or_else(|| {
        floordesk_store::Problem::new(
            ErrorCode::UsageBadMonth,
            format!("--month '{text}' is not a month like 2026-11"),
        )
        .with("value", text)
        .into()
    })
}

/// An option's RFC 3339 instant, or `code` naming the option (`what`) and where it was used.
fn parse_instant(
    text: &str,
    code: ErrorCode,
    what: &str,
    context: &str,
) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            floordesk_store::Problem::new(
                code,
                format!("{what} '{text}' is not an RFC 3339 instant with an offset{context}"),
            )
            .with("value", text)
            .into()
        })
}

fn run(cli: Cli, now: DateTime<Utc>) -> Result<(), StoreError> {
    let db = cli.db.unwrap_or_else(floordesk_store::default_db_path);
    let mut store = Store::open(&db)?;
    let actor = Actor::system(now);
    match cli.command {
        Command::Init { name, time_zone } => {
            let site = store.init_site(
                &SiteInput {
                    name,
                    time_zone,
                    channel: None,
                },
                false,
                actor,
            )?;
            println!("{}: site {} ({})", db.display(), site.name, site.time_zone);
        }
        Command::Import(ImportKind::Agents { file }) => {
            let s = store.import_agents(&file, actor)?;
            println!(
                "{}: {} agents created, {} updated, {} teams and {} seats created",
                file.display(),
                s.created,
                s.updated,
                s.teams_created,
                s.seats_created
            );
        }
        Command::Import(ImportKind::Holidays { file }) => {
            let n = store.import_holidays(&file, actor)?;
            println!("{}: {n} calendar dates written", file.display());
        }
        Command::Import(ImportKind::Shifts { file, reason }) => {
            let n = store.import_shifts(&file, reason.as_deref(), actor)?;
            println!("{}: {n} shifts written", file.display());
        }
        Command::Import(ImportKind::Chats { file }) => {
            let s = store.import_chats(&file, actor)?;
            let tz = store.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
            let at = |t: Option<DateTime<Utc>>| {
                t.map_or("-".to_owned(), |t| t.with_timezone(&tz).to_rfc3339())
            };
            println!(
                "{}: {} rows, {} messages added, {} already stored; {} buyers ({} new), {} rebuilt; {} to {}",
                file.display(),
                s.rows,
                s.messages_added,
                s.duplicates_skipped,
                s.buyers,
                s.buyers_new,
                s.buyers_touched,
                at(s.first_ts),
                at(s.last_ts)
            );
        }
        Command::Import(ImportKind::Orders { file }) => {
            let s = store.import_orders(&file, actor)?;
            println!(
                "{}: {} orders, {} added, {} replaced, {} unchanged; {} buyers rebuilt; total {}.{:02} yuan",
                file.display(),
                s.rows,
                s.added,
                s.replaced,
                s.unchanged,
                s.buyers_touched,
                s.total_fen / 100,
                s.total_fen % 100
            );
        }
        Command::Import(ImportKind::Sales { file }) => {
            let s = store.import_sales(&file, actor)?;
            let day = |d: Option<NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
            println!(
                "{}: {} agent-days, {} added, {} replaced, {} unchanged; {} agents; {} to {}",
                file.display(),
                s.rows,
                s.added,
                s.replaced,
                s.unchanged,
                s.agents,
                day(s.first_date),
                day(s.last_date)
            );
        }
        Command::Ingest { file } => {
            let events = read_events(&file)?;
            let n = store.ingest_events(
                &file.display().to_string(),
                &events,
                EventSource::Cli,
                false,
                actor,
            )?;
            println!("{}: {n} events written", file.display());
            // Judge the days the events touched, so their alerts are on record even when no
            // board is open to judge them live.
            if let Some(first) = events.first()
                && store.site()?.is_some()
            {
                let raised = store.rejudge_since(first.event.at(), actor.at)?;
                println!("{} new alerts", raised.len());
            }
        }
        Command::Replay { file, until } => {
            let until = until
                .as_deref()
                .map(|u| {
                    let replaying = format!(" (replaying {})", file.display());
                    parse_instant(u, ErrorCode::UsageBadUntil, "--until", &replaying)
                })
                .transpose()?;
            let site = store.require_site()?;
            let events = read_events(&file)?;
            let alerts =
                store.replay_events(&file.display().to_string(), &events, until, actor.at)?;
            print_alerts(&alerts, site.tz());
        }
        Command::Handover(HandoverCommand::Show { date, team }) => {
            print_show(&store.handover_show(date, &team)?);
        }
        Command::Handover(HandoverCommand::Export { from, to, file }) => {
            let n = store.export_handover_xlsx(from, to, &file)?;
            println!("{}: {n} rows written", file.display());
        }
        // Answered by `verify` in `main`, with exit codes of its own.
        Command::Verify => {}
        Command::Templates(command) => scores_cmd::templates(&mut store, command, actor)?,
        Command::Scores(command) => scores_cmd::scores(&mut store, command, actor)?,
        Command::Incidents(command) => incidents_cmd::incidents(&mut store, command, actor)?,
        Command::Ledger { month, all } => {
            let (year, month) = parse_month(&month)?;
            incidents_cmd::ledger(&store, &format!("{year:04}-{month:02}"), all)?;
        }
        Command::Commission { month } => {
            let (year, month) = parse_month(&month)?;
            commission_cmd::commission(&store, &format!("{year:04}-{month:02}"))?;
        }
        Command::Pay { month, file } => {
            let (year, month) = parse_month(&month)?;
            commission_cmd::pay(&store, &format!("{year:04}-{month:02}"), &file)?;
        }
        Command::Rules(command) => incidents_cmd::rules(&mut store, command, actor)?,
        Command::Complaints(command) => complaints_cmd::complaints(&mut store, command, actor)?,
        Command::Policy(PolicyCommand::List) => {
            for p in store.list_policy(actor.at)? {
                println!(
                    "{}\t{}\t{}\t{}..{}\t{}",
                    p.key,
                    p.value,
                    p.unit.as_str(),
                    p.min,
                    p.max,
                    p.label_zh
                );
            }
        }
        Command::Policy(PolicyCommand::Set { key, value }) => {
            let p = store.set_policy(&key, value, actor)?;
            println!(
                "{} = {} {} (was the default {}), in force from now",
                p.key,
                p.value,
                p.unit.as_str(),
                p.default_value
            );
        }
        Command::Import(ImportKind::Leave { file }) => {
            let n = store.import_leave(&file, actor)?;
            println!(
                "{}: {n} leave requests imported as approved",
                file.display()
            );
        }
        Command::Import(ImportKind::Requirement { file }) => {
            let n = store.import_requirement(&file, actor)?;
            println!("{}: {n} team days of requirement imported", file.display());
        }
        Command::Import(ImportKind::ShiftTemplates { file }) => {
            let n = store.import_shift_templates(&file, actor)?;
            println!("{}: {n} shift templates imported", file.display());
        }
        Command::Roster(RosterCommand::Check { month }) => {
            let (year, month) = parse_month(&month)?;
            print_violations(&store.roster_violations(year, month, actor.at)?);
        }
        Command::Roster(RosterCommand::Publish {
            month,
            team,
            override_reason,
        }) => {
            let (year, m) = parse_month(&month)?;
            let team_id = team_named(&store, &team)?;
            match store.publish_roster_checked(team_id, &month, override_reason.as_deref(), actor) {
                Ok(violations) => {
                    println!(
                        "{team} {month}: published ({} violation(s) overridden)",
                        violations.len()
                    );
                }
                Err(e) => {
                    if e.to_problem().code == ErrorCode::RosterHasViolations {
                        let members: std::collections::HashSet<String> = store
                            .list_agents(true)?
                            .into_iter()
                            .filter(|a| a.team_id == team_id)
                            .map(|a| a.employee_no)
                            .collect();
                        let violations: Vec<_> = store
                            .roster_violations(year, m, actor.at)?
                            .into_iter()
                            .filter(|v| members.contains(&v.employee_no))
                            .collect();
                        print_violations(&violations);
                    }
                    return Err(e);
                }
            }
        }
        Command::Roster(RosterCommand::Generate { month, team, seed }) => {
            let team_id = team_named(&store, &team)?;
            let report = store
                .generate_roster(team_id, &month, seed, actor, &mut |_| true)?
                .expect("nothing cancels a CLI run");
            for gap in &report.uncovered {
                println!(
                    "{}",
                    serde_json::to_string(gap).expect("plain data serializes")
                );
            }
            eprintln!(
                "{} {}: {} cells written from {}; {} of {} half-hour-agents uncovered; wishes {} of {} granted; nights {}–{}, weekend shifts {}–{} per agent",
                report.team,
                report.month,
                report.written,
                report.first_free,
                report.uncovered_slot_agents,
                report.needed_slot_agents,
                report.wishes_granted,
                report.wishes_asked,
                report.nights.min,
                report.nights.max,
                report.weekend_shifts.min,
                report.weekend_shifts.max
            );
        }
        Command::Import(ImportKind::Roster {
            file,
            month,
            reason,
        }) => {
            let month = month.as_deref().map(parse_month).transpose()?;
            let n = store.import_roster(&file, month, reason.as_deref(), actor)?;
            println!("{}: {n} roster cells written", file.display());
        }
        Command::Export(ExportKind::Roster { month, file, grid }) => {
            let n = store.export_roster_xlsx(&month, grid, &file)?;
            println!("{}: {n} rows written", file.display());
        }
        Command::Attendance { month, file } => {
            let n = store.export_attendance_xlsx(&month, actor.at, &file)?;
            println!("{}: {n} rows written", file.display());
        }
        Command::Alerts { date } => {
            let site = store.require_site()?;
            let alerts: Vec<_> = store
                .alerts_on(date, site.tz(), actor.at)?
                .into_iter()
                .map(|a| a.alert)
                .collect();
            print_alerts(&alerts, site.tz());
        }
        Command::Export(ExportKind::Agents { file }) => {
            let n = store.export_agents_xlsx(&file)?;
            println!("{}: {n} agents written", file.display());
        }
        Command::Backup { file } => {
            store.backup_to(&file)?;
            println!("{}: backup of {} written", file.display(), db.display());
        }
        Command::Restore { file } => {
            let kept = store.restore_from(&file, actor.at)?;
            println!("{}: restored from {}", db.display(), file.display());
            if let Some(kept) = kept {
                println!("the replaced data is kept in {}", kept.display());
            }
        }
        Command::Demo { date, now } => {
            let tz = store.site()?.map_or(chrono_tz::Asia::Shanghai, |s| s.tz());
            let at = match (date, now) {
                (_, Some(text)) => parse_instant(&text, ErrorCode::UsageBadNow, "--now", "")?,
                (Some(day), None) => day
                    .and_hms_opt(10, 30, 0)
                    .and_then(|t| t.and_local_timezone(tz).earliest())
                    .map_or(actor.at, |t| t.to_utc()),
                (None, None) => actor.at,
            };
            let today = at.with_timezone(&tz).date_naive();
            let s = store.load_demo(at, actor)?;
            println!(
                "{}: demo floor with {} agents, {} seats, {} new users (PIN {}), {} shifts on {} and {today}, {} events of history, {} handover logs, {} assessment scores, {} incidents, {} complaints",
                db.display(),
                s.agents,
                s.seats,
                s.users,
                floordesk_store::demo::DEMO_PIN,
                s.shifts,
                today.pred_opt().unwrap_or(today),
                s.events,
                s.handover_logs,
                s.scores,
                s.incidents,
                s.complaints
            );
        }
    }
    Ok(())
}
