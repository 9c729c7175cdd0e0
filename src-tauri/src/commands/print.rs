//! Saving what the window prints as a PDF, without the print dialog: the print stylesheet
//! decides what is on the page (a team's month, a 换班记录表), on A4 in the orientation asked
//! for. Printing itself stays the window's own `print()` with the system dialog.

use std::time::Duration;

use floordesk_domain::{ErrorCode, Problem};
use tauri::{Runtime, State, WebviewWindow};

use crate::error::{AppError, CmdResult};
use crate::state::AppState;

/// Writes the page as printed to `path` (a PDF on A4, landscape or portrait).
#[tauri::command]
#[specta::specta]
pub async fn save_print_pdf<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    path: String,
    landscape: bool,
) -> CmdResult<()> {
    state
        .operator()
        .ok_or_else(|| AppError::new(ErrorCode::AuthNotLoggedIn, "log in first"))?;
    print_to_pdf(&window, &path, landscape)
}

fn failed(reason: impl ToString) -> AppError {
    let reason = reason.to_string();
    Problem::new(
        ErrorCode::PrintFailed,
        format!("the PDF was not written: {reason}"),
    )
    .with("reason", reason)
    .into()
}

#[cfg(target_os = "linux")]
fn print_to_pdf<R: Runtime>(
    window: &WebviewWindow<R>,
    path: &str,
    landscape: bool,
) -> CmdResult<()> {
    let path = std::path::absolute(path).map_err(failed)?;
    let uri = gtk::glib::filename_to_uri(&path, None)
        .map_err(failed)?
        .to_string();
    let (done, result) = std::sync::mpsc::channel::<Result<(), String>>();
    window
        .with_webview(move |webview| {
            use webkit2gtk::PrintOperationExt;
            let settings = gtk::PrintSettings::new();
            settings.set_printer("Print to File");
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(&uri));
            let setup = gtk::PageSetup::new();
            setup.set_paper_size(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
            setup.set_orientation(if landscape {
                gtk::PageOrientation::Landscape
            } else {
                gtk::PageOrientation::Portrait
            });
            let operation = webkit2gtk::PrintOperation::new(&webview.inner());
            operation.set_print_settings(&settings);
            operation.set_page_setup(&setup);
            let on_failed = done.clone();
            operation.connect_failed(move |_, e| {
                let _ = on_failed.send(Err(e.to_string()));
            });
            // The operation keeps itself alive until it has finished.
            let keep = operation.clone();
            operation.connect_finished(move |_| {
                let _ = &keep;
                let _ = done.send(Ok(()));
            });
            operation.print();
        })
        .map_err(failed)?;
    match result.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(failed(e)),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(not(target_os = "linux"))]
fn print_to_pdf<R: Runtime>(_: &WebviewWindow<R>, _: &str, _: bool) -> CmdResult<()> {
    Err(failed(
        "saving a PDF directly is not available on this system: print and choose a PDF printer",
    ))
}
