//! `templates …` and `scores …`: assessment templates and a month's scores (绩效考核). Bad data
//! (a file's rows, a month, a team, level or role that is not one, people not fully rated) is a
//! `StoreError::Problem` or `StoreError::Import`, so `main` reports it and exits 2.

use floordesk_domain::ErrorCode;
use floordesk_domain::access::Role;
use floordesk_domain::people::Level;
use floordesk_store::scores::{AssignTarget, parse_month, parse_quarter};
use floordesk_store::{Actor, Problem, Store, StoreError};

use crate::scores_out::{print_quarter, print_results};
use crate::{AssignTo, ScoresCommand, TemplatesCommand};

pub fn templates(
    store: &mut Store,
    command: TemplatesCommand,
    actor: Actor,
) -> Result<(), StoreError> {
    match command {
        TemplatesCommand::Import { file } => {
            let n = store.import_score_templates(&file, actor)?;
            println!("{}: {n} assessment templates imported", file.display());
        }
        TemplatesCommand::Assign { template, target } => {
            let (target, label) = assign_target(store, target)?;
            store.assign_score_template(&template, &target, actor)?;
            println!("{template} assigned to {label}");
        }
        TemplatesCommand::Seed => {
            store.seed_score_templates(actor)?;
            let names: Vec<String> = store
                .list_score_templates()?
                .into_iter()
                .map(|t| t.name)
                .collect();
            println!("assessment templates: {}", names.join(", "));
        }
    }
    Ok(())
}

pub fn scores(store: &mut Store, command: ScoresCommand, actor: Actor) -> Result<(), StoreError> {
    match command {
        ScoresCommand::Import { file } => {
            let s = store.import_scores(&file, actor)?;
            println!(
                "{}: {} scores written in {} sheets ({} replacing earlier ones) for {}",
                file.display(),
                s.rows,
                s.sheets,
                s.replaced,
                s.months.join(", ")
            );
        }
        ScoresCommand::Report { month } => {
            let month = parse_month(&month)?;
            print_results(&store.month_results(month, actor.at)?);
        }
        ScoresCommand::Quarter { quarter } => {
            let quarter = parse_quarter(&quarter)?;
            print_quarter(&store.quarter_ranking(quarter, actor.at)?);
        }
        ScoresCommand::Publish { month } => {
            let month = parse_month(&month)?;
            let results = store
                .publish_scores(month, actor)
                .map_err(|e| not_published(month, e))?;
            let exceptions = results.rows.iter().filter(|r| r.exception).count();
            println!(
                "{month}: published, {} people graded ({exceptions} on an exception)",
                results.rows.len()
            );
        }
        ScoresCommand::Export { month, file } => {
            let month = parse_month(&month)?;
            let n = store.export_scores_xlsx(month, actor.at, &file)?;
            println!("{}: {n} people written", file.display());
        }
    }
    Ok(())
}

/// A refusal to publish for people not fully rated, naming their 工号 from the problem's
/// `names` (whatever its message says); any other error as it is.
fn not_published(month: floordesk_domain::scores::ScoreMonth, e: StoreError) -> StoreError {
    let problem = e.to_problem();
    if problem.code != ErrorCode::ScoresIncomplete {
        return e;
    }
    let names = problem.params.get("names").cloned().unwrap_or_default();
    let count = problem.params.get("count").cloned().unwrap_or_default();
    Problem {
        message: format!(
            "{month} is not published: {count} people neither fully rated nor excepted: {names}"
        ),
        ..problem
    }
    .into()
}

/// The `--team`/`--level`/`--role` given (clap lets exactly one through), and how to name it.
fn assign_target(store: &Store, to: AssignTo) -> Result<(AssignTarget, String), StoreError> {
    if let Some(team) = to.team {
        let Some(team_id) = store
            .list_teams()?
            .into_iter()
            .find(|t| t.name == team.trim())
            .map(|t| t.id)
        else {
            return Err(not_found(
                "team",
                &team,
                format!("no team is called {team}"),
            ));
        };
        return Ok((
            AssignTarget::Team { team_id },
            format!("team {}", team.trim()),
        ));
    }
    if let Some(text) = to.level {
        let Some(level) = Level::parse(&text) else {
            let known: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
            return Err(not_found(
                "level",
                &text,
                format!("'{text}' is not a level: {}", known.join(", ")),
            ));
        };
        return Ok((
            AssignTarget::Level { level },
            format!("level {}", level.as_str()),
        ));
    }
    let text = to.role.unwrap_or_default();
    let Some(role) = Role::parse(&text) else {
        let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        return Err(not_found(
            "role",
            &text,
            format!("'{text}' is not a role: {}", known.join(", ")),
        ));
    };
    Ok((
        AssignTarget::Role { role },
        format!("role {}", role.as_str()),
    ))
}

fn not_found(entity: &str, id: &str, message: String) -> StoreError {
    Problem::new(ErrorCode::NotFound, message)
        .with("entity", entity)
        .with("id", id)
        .into()
}
