//! The month's assessment as an xlsx workbook: the results sheet (结果) and every score typed in
//! the long form the import reads (原始评分), so an export imports back unchanged (the import
//! reads the 原始评分 sheet of a workbook that has one).

use std::collections::HashMap;
use std::path::Path;

use floordesk_domain::scores::{RaterRole, ScoreMonth};
use rusqlite::params;
use rust_xlsxwriter::{Format, Workbook};

use crate::export::failed;
use crate::import::scores::RAW_SHEET;
use crate::{Result, Store};

/// The results sheet's columns, with their widths.
const RESULT_COLUMNS: [(&str, f64); 12] = [
    ("工号", 10.0),
    ("姓名", 12.0),
    ("班组", 14.0),
    ("考核模板", 22.0),
    ("自评", 9.0),
    ("上级", 9.0),
    ("小组", 9.0),
    ("综合得分", 10.0),
    ("等级", 8.0),
    ("排名", 8.0),
    ("组内排名", 10.0),
    ("状态", 8.0),
];

/// The raw sheet's columns: the import's Chinese header.
const RAW_COLUMNS: [(&str, f64); 6] = [
    ("月份", 10.0),
    ("工号", 10.0),
    ("评分角色", 10.0),
    ("评分人", 10.0),
    ("考核项目", 18.0),
    ("得分", 8.0),
];

/// One score as the raw sheet lists it.
struct RawScore {
    employee_no: String,
    role: RaterRole,
    rater_no: String,
    position: i64,
    item: String,
    points: i64,
}

impl Store {
    /// Every score of the month with the 工号s and item names the import reads, sorted by 工号,
    /// role, rater's 工号 and the item's position.
    fn raw_scores(&self, month: ScoreMonth) -> Result<Vec<RawScore>> {
        let conn = self.conn();
        let numbers: HashMap<String, String> = self
            .score_people()?
            .into_iter()
            .map(|p| (p.person, p.employee_no))
            .collect();
        let mut stmt = conn.prepare_cached(
            "SELECT s.ratee, s.role, s.rater, i.position, i.name, s.points
             FROM scores s JOIN score_items i ON i.id = s.item_id
             WHERE s.month = ?1",
        )?;
        let mut rows = stmt.query(params![month.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let ratee: String = r.get(0)?;
            let role: String = r.get(1)?;
            let rater: String = r.get(2)?;
            let (Some(employee_no), Some(role), Some(rater_no)) = (
                numbers.get(&ratee),
                RaterRole::parse(&role),
                numbers.get(&rater),
            ) else {
                continue;
            };
            out.push(RawScore {
                employee_no: employee_no.clone(),
                role,
                rater_no: rater_no.clone(),
                position: r.get(3)?,
                item: r.get(4)?,
                points: r.get(5)?,
            });
        }
        out.sort_by(|a, b| {
            (&a.employee_no, a.role, &a.rater_no, a.position, &a.item).cmp(&(
                &b.employee_no,
                b.role,
                &b.rater_no,
                b.position,
                &b.item,
            ))
        });
        Ok(out)
    }

    /// Writes `month`'s results and raw scores to `path`; returns how many people it lists.
    pub fn export_scores_xlsx(
        &self,
        month: ScoreMonth,
        at: chrono::DateTime<chrono::Utc>,
        path: &Path,
    ) -> Result<u32> {
        let results = self.month_results(month, at)?;
        let raw = self.raw_scores(month)?;
        let err = |e| failed(path, e);
        let bold = Format::new().set_bold();
        let two_places = Format::new().set_num_format("0.00");
        let mut book = Workbook::new();

        let sheet = book.add_worksheet();
        sheet.set_name("结果").map_err(err)?;
        for (col, (title, width)) in RESULT_COLUMNS.into_iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        for (i, r) in results.rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &r.employee_no).map_err(err)?;
            sheet.write_string(row, 1, &r.name).map_err(err)?;
            if let Some(team) = &r.team_name {
                sheet.write_string(row, 2, team).map_err(err)?;
            }
            sheet.write_string(row, 3, &r.template_name).map_err(err)?;
            let numbers = [
                (4, r.scores.self_score),
                (5, r.scores.superior),
                (6, r.scores.peer),
                (7, r.composite),
            ];
            for (col, value) in numbers {
                if let Some(value) = value {
                    sheet
                        .write_number_with_format(row, col, value, &two_places)
                        .map_err(err)?;
                }
            }
            if let Some(grade) = r.grade {
                sheet.write_string(row, 8, grade.label_zh()).map_err(err)?;
            }
            for (col, rank) in [(9, r.rank), (10, r.team_rank)] {
                if let Some(rank) = rank {
                    sheet.write_number(row, col, f64::from(rank)).map_err(err)?;
                }
            }
            let status = if r.exception {
                "特批"
            } else if r.complete {
                "已完成"
            } else {
                "未完成"
            };
            sheet.write_string(row, 11, status).map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;

        let sheet = book.add_worksheet();
        sheet.set_name(RAW_SHEET).map_err(err)?;
        for (col, (title, width)) in RAW_COLUMNS.into_iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, title, &bold)
                .map_err(err)?;
            sheet.set_column_width(col as u16, width).map_err(err)?;
        }
        let month_text = month.to_string();
        for (i, s) in raw.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &month_text).map_err(err)?;
            sheet.write_string(row, 1, &s.employee_no).map_err(err)?;
            sheet.write_string(row, 2, s.role.label_zh()).map_err(err)?;
            sheet.write_string(row, 3, &s.rater_no).map_err(err)?;
            sheet.write_string(row, 4, &s.item).map_err(err)?;
            // Hundredths to a number: 850 → 8.5 exactly as the file shows it.
            sheet
                .write_number(row, 5, s.points as f64 / 100.0)
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;

        book.save(path).map_err(err)?;
        Ok(results.rows.len() as u32)
    }
}
