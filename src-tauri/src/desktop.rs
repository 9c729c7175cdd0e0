//! Desktop extras that a headless or locked-down machine may lack. They fail softly: a log
//! line, never a crash or a blocked command.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

/// Shows a desktop notification, off the command's thread (D-Bus may be slow or absent).
pub fn notify(app: &AppHandle, title: &str, body: &str) {
    let (app, title, body) = (app.clone(), title.to_owned(), body.to_owned());
    std::thread::spawn(move || {
        if let Err(e) = app
            .notification()
            .builder()
            .title(&title)
            .body(&body)
            .show()
        {
            tracing::warn!(error = %e, "desktop notification unavailable; continuing without it");
        }
    });
}
